-- A ~200-byte JSON-RPC POST, as a Solana client sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"getAccountInfo","params":["9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin",{"encoding":"base64","commitment":"confirmed","dataSlice":{"offset":0,"length":64}}]}'
