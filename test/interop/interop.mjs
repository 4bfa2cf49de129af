// podd against an unchanged @solana/web3.js 1.x (issue 5): airdrop, transfer, balances and
// accounts, a raw register_agent instruction built by hand (PROTOCOL.md §4.4), the agent
// account read back byte by byte, and PubSub (onLogs with the `Program data:` event line,
// onAccountChange, onSignature, onProgramAccountChange, onSlotChange, onRootChange).
//
// Run by run.sh, which starts podd and sets PODD_RPC (http://...) and PODD_WS (ws://...).
// Prints one line per check and "N passed, M failed"; exits 1 if anything failed.
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SendTransactionError,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  sendAndConfirmTransaction,
} from '@solana/web3.js';

const RPC = process.env.PODD_RPC;
const WS = process.env.PODD_WS;
if (!RPC || !WS) {
  console.error('interop.mjs: PODD_RPC and PODD_WS must be set (run.sh does)');
  process.exit(2);
}

const PROGRAM_ID = new PublicKey('HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps');
const REGISTER_AGENT = Buffer.from('879d42c30271af1e', 'hex'); // instruction discriminator
const AGENT_ACCOUNT = Buffer.from('f177458ce9097032', 'hex'); // account discriminator
const AGENT_REGISTERED = Buffer.from('bf4ed936e864bd55', 'hex'); // event discriminator
const AGENT_SPACE = 286;
const STEP_MS = 20000; // every await is bounded

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail !== undefined ? ` (${detail})` : ''}`);
  }
}

function withTimeout(promise, what, ms = STEP_MS) {
  let t;
  const timeout = new Promise((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

// A promise resolved by the first call of the callback it hands out (for subscriptions).
function waiter(what) {
  let resolve;
  const p = new Promise((r) => (resolve = r));
  return { done: (...args) => resolve(args), wait: () => withTimeout(p, what) };
}

// Runs a step; an exception is one failed check with its message.
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(name, false, e && e.message ? e.message.split('\n')[0] : String(e));
  }
}

// base58 (Bitcoin alphabet) of a byte string: the signature is known before sending
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes) {
  let n = BigInt('0x' + (Buffer.from(bytes).toString('hex') || '0'));
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

function u64le(n) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

function borshString(s) {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function registerAgentIx(wallet, capabilities, uri) {
  const [agent] = PublicKey.findProgramAddressSync(
    [Buffer.from('agent'), wallet.toBuffer()],
    PROGRAM_ID,
  );
  const data = Buffer.concat([REGISTER_AGENT, u64le(capabilities), borshString(uri)]);
  const ix = new TransactionInstruction({
    programId: PROGRAM_ID,
    keys: [
      { pubkey: agent, isSigner: false, isWritable: true },
      { pubkey: wallet, isSigner: true, isWritable: true },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
    ],
    data,
  });
  return { ix, agent };
}

async function airdrop(connection, to, lamports) {
  const sig = await withTimeout(connection.requestAirdrop(to, lamports), 'requestAirdrop');
  const bh = await withTimeout(connection.getLatestBlockhash(), 'getLatestBlockhash');
  const res = await withTimeout(
    connection.confirmTransaction({ signature: sig, ...bh }, 'confirmed'),
    'confirmTransaction',
  );
  return { sig, res };
}

async function main() {
  // web3.js derives the PubSub URL from the RPC URL (port + 1), as podd listens by default;
  // wsEndpoint is given only if run.sh had to use other ports
  const derived = new URL(RPC);
  derived.protocol = 'ws:';
  derived.port = String(Number(derived.port) + 1);
  const sameWs = new URL(WS).href === derived.href;
  check('podd listens for PubSub on the RPC port + 1 (found by web3.js itself)', sameWs, WS);
  const connection = new Connection(
    RPC,
    sameWs ? { commitment: 'confirmed' } : { commitment: 'confirmed', wsEndpoint: WS },
  );
  const payer = Keypair.generate();
  const bob = Keypair.generate();
  const carol = Keypair.generate();

  // ---- slots: the WebSocket is up and slotSubscribe ticks ----
  const slotW = waiter('slotNotification');
  const slotSub = connection.onSlotChange((info) => slotW.done(info));
  await step('onSlotChange', async () => {
    const [info] = await slotW.wait();
    check(
      'onSlotChange: slotNotification {slot, parent, root}',
      typeof info.slot === 'number' && info.parent === info.slot - 1 && info.root === info.slot,
      JSON.stringify(info),
    );
  });
  await connection.removeSlotChangeListener(slotSub);
  const rootW = waiter('rootNotification');
  const rootSub = connection.onRootChange((root) => rootW.done(root));
  await step('onRootChange', async () => {
    const [root] = await rootW.wait();
    check('onRootChange: rootNotification', typeof root === 'number' && root > 0, root);
  });
  await connection.removeRootChangeListener(rootSub);

  // ---- (1) airdrop, confirmed ----
  await step('requestAirdrop', async () => {
    const { sig, res } = await airdrop(connection, payer.publicKey, 2 * LAMPORTS_PER_SOL);
    check('requestAirdrop + confirmTransaction', res.value.err === null, JSON.stringify(res.value));
    const st = await withTimeout(
      connection.getSignatureStatus(sig, { searchTransactionHistory: true }),
      'getSignatureStatus',
    );
    check(
      'getSignatureStatus of the airdrop',
      st.value && st.value.err === null && typeof st.value.slot === 'number',
      JSON.stringify(st.value),
    );
    const bal = await withTimeout(connection.getBalance(payer.publicKey), 'getBalance');
    check('getBalance after the airdrop', bal === 2 * LAMPORTS_PER_SOL, bal);
  });

  // ---- (2) SystemProgram.transfer via sendAndConfirmTransaction, (7) onAccountChange and
  // onSignature on the way ----
  await step('transfer', async () => {
    const acctW = waiter('accountNotification');
    const acctSub = connection.onAccountChange(bob.publicKey, (info, ctx) => acctW.done(info, ctx));
    // make sure the subscription is in place: a slot notification comes after its answer
    const tick = waiter('slotNotification');
    const tickSub = connection.onSlotChange(() => tick.done());
    await tick.wait();
    await connection.removeSlotChangeListener(tickSub);

    const tx = new Transaction().add(
      SystemProgram.transfer({
        fromPubkey: payer.publicKey,
        toPubkey: bob.publicKey,
        lamports: LAMPORTS_PER_SOL / 2,
      }),
    );
    const sig = await withTimeout(
      sendAndConfirmTransaction(connection, tx, [payer], { commitment: 'confirmed' }),
      'sendAndConfirmTransaction',
    );
    check('sendAndConfirmTransaction(SystemProgram.transfer)', typeof sig === 'string', sig);
    const [info, ctx] = await acctW.wait();
    check(
      'onAccountChange: the recipient after the transfer',
      info.lamports === LAMPORTS_PER_SOL / 2 &&
        info.owner.equals(SystemProgram.programId) &&
        info.data.length === 0 &&
        typeof ctx.slot === 'number',
      `${info.lamports} ${info.owner.toBase58()}`,
    );
    await connection.removeAccountChangeListener(acctSub);

    // onSignature for a transaction sent raw, without the confirm helper
    const tx2 = new Transaction().add(
      SystemProgram.transfer({
        fromPubkey: payer.publicKey,
        toPubkey: carol.publicKey,
        lamports: LAMPORTS_PER_SOL / 4,
      }),
    );
    const bh = await withTimeout(connection.getLatestBlockhash(), 'getLatestBlockhash');
    tx2.recentBlockhash = bh.blockhash;
    tx2.feePayer = payer.publicKey;
    tx2.sign(payer);
    const raw = tx2.serialize();
    const sigW = waiter('signatureNotification');
    // subscribe first (the signature is known before sending), then send
    const bs58sig = base58(tx2.signature);
    connection.onSignature(bs58sig, (res, ctx2) => sigW.done(res, ctx2), 'confirmed');
    const tick2 = waiter('slotNotification');
    const tickSub2 = connection.onSlotChange(() => tick2.done());
    await tick2.wait();
    await connection.removeSlotChangeListener(tickSub2);
    const sent = await withTimeout(connection.sendRawTransaction(raw), 'sendRawTransaction');
    check('sendRawTransaction returns the signature', sent === bs58sig, `${sent} ${bs58sig}`);
    const [res2, ctx2] = await sigW.wait();
    check('onSignature: {err: null}', res2.err === null && ctx2.slot > 0, JSON.stringify(res2));
  });

  // ---- (3) balances and accounts ----
  await step('balances', async () => {
    const [pb, bb, cb] = await withTimeout(
      Promise.all([
        connection.getBalance(payer.publicKey),
        connection.getBalance(bob.publicKey),
        connection.getBalance(carol.publicKey),
      ]),
      'getBalance',
    );
    check(
      'getBalance: payer, recipients (fees 5000 each)',
      pb === 2 * LAMPORTS_PER_SOL - LAMPORTS_PER_SOL / 2 - LAMPORTS_PER_SOL / 4 - 10000 &&
        bb === LAMPORTS_PER_SOL / 2 &&
        cb === LAMPORTS_PER_SOL / 4,
      `${pb} ${bb} ${cb}`,
    );
    const info = await withTimeout(connection.getAccountInfo(bob.publicKey), 'getAccountInfo');
    check(
      'getAccountInfo of a wallet',
      info &&
        info.lamports === LAMPORTS_PER_SOL / 2 &&
        info.owner.equals(SystemProgram.programId) &&
        info.executable === false &&
        info.data.length === 0,
      info && JSON.stringify({ ...info, data: info.data.toString('hex') }),
    );
    const none = await withTimeout(
      connection.getAccountInfo(Keypair.generate().publicKey),
      'getAccountInfo',
    );
    check('getAccountInfo of an unknown account is null', none === null);
    const prog = await withTimeout(connection.getAccountInfo(PROGRAM_ID), 'getAccountInfo');
    check('the PoD program account is executable', prog && prog.executable === true);
    const rent = await withTimeout(
      connection.getMinimumBalanceForRentExemption(AGENT_SPACE),
      'getMinimumBalanceForRentExemption',
    );
    check('getMinimumBalanceForRentExemption(286) = 2881440', rent === 2881440, rent);
  });

  // ---- (4) register_agent by hand, (6) onLogs with the event line, programSubscribe ----
  const capabilities = 5n;
  const uri = 'https://example.com/agent.json';
  const { ix, agent } = registerAgentIx(payer.publicKey, capabilities, uri);
  let registerSig = null;
  await step('register_agent', async () => {
    const logsW = waiter('logsNotification');
    const logsSub = connection.onLogs(PROGRAM_ID, (logs, ctx) => {
      if (logs.signature === registerSig || registerSig === null) logsW.done(logs, ctx);
    });
    const progW = waiter('programNotification');
    const progSub = connection.onProgramAccountChange(
      PROGRAM_ID,
      (keyed, ctx) => progW.done(keyed, ctx),
      'confirmed',
      [{ dataSize: AGENT_SPACE }, { memcmp: { offset: 8, bytes: payer.publicKey.toBase58() } }],
    );
    const tick = waiter('slotNotification');
    const tickSub = connection.onSlotChange(() => tick.done());
    await tick.wait();
    await connection.removeSlotChangeListener(tickSub);

    registerSig = await withTimeout(
      sendAndConfirmTransaction(connection, new Transaction().add(ix), [payer], {
        commitment: 'confirmed',
      }),
      'sendAndConfirmTransaction(register_agent)',
    );
    check('register_agent sent and confirmed', typeof registerSig === 'string', registerSig);

    // (5) the agent account, byte by byte
    const info = await withTimeout(connection.getAccountInfo(agent), 'getAccountInfo(agent)');
    const d = info ? info.data : Buffer.alloc(0);
    check('agent account exists, owned by the program', info && info.owner.equals(PROGRAM_ID));
    check('agent account: 286 bytes, rent-exempt', d.length === AGENT_SPACE && info.lamports === 2881440);
    check('agent account: discriminator f177458ce9097032', d.subarray(0, 8).equals(AGENT_ACCOUNT));
    check('agent account: wallet at offset 8', d.subarray(8, 40).equals(payer.publicKey.toBuffer()));
    check(
      'agent account: capabilities at offset 40',
      d.length >= 48 && d.readBigUInt64LE(40) === capabilities,
    );
    check('agent account: reputation 100 at offset 48', d.length >= 56 && d.readBigUInt64LE(48) === 100n);
    const uriLen = d.length >= 68 ? d.readUInt32LE(64) : -1;
    check(
      'agent account: metadata_uri at offset 64',
      uriLen === uri.length && d.subarray(68, 68 + uriLen).toString('utf8') === uri,
    );

    // (6) the logs notification carries the AgentRegistered event, exactly
    const [logs, ctx] = await logsW.wait();
    const lastUpdated = d.length >= 64 ? d.subarray(56, 64) : Buffer.alloc(8);
    const event = Buffer.concat([
      AGENT_REGISTERED,
      payer.publicKey.toBuffer(),
      u64le(capabilities),
      borshString(uri),
      lastUpdated,
    ]).toString('base64');
    check('onLogs: the register_agent transaction', logs.signature === registerSig, logs.signature);
    check('onLogs: err null, context slot', logs.err === null && ctx.slot > 0);
    check(
      'onLogs: `Program data:` event line (AgentRegistered)',
      logs.logs.includes(`Program data: ${event}`),
      logs.logs.join(' | '),
    );
    check(
      'onLogs: `Instruction: RegisterAgent`',
      logs.logs.includes('Program log: Instruction: RegisterAgent'),
    );

    // programSubscribe with dataSize + memcmp filters
    const [keyed] = await progW.wait();
    check(
      'onProgramAccountChange: the new agent account',
      keyed.accountId.equals(agent) && keyed.accountInfo.data.length === AGENT_SPACE,
      keyed.accountId.toBase58(),
    );
    await connection.removeOnLogsListener(logsSub);
    await connection.removeProgramAccountChangeListener(progSub);

    // the same over HTTP: getTransaction and getProgramAccounts
    const tx = await withTimeout(
      connection.getTransaction(registerSig, {
        commitment: 'confirmed',
        maxSupportedTransactionVersion: 0,
      }),
      'getTransaction',
    );
    check(
      'getTransaction: logMessages has the event line',
      tx && tx.meta && tx.meta.err === null && tx.meta.logMessages.includes(`Program data: ${event}`),
    );
    const accts = await withTimeout(
      connection.getProgramAccounts(PROGRAM_ID, {
        filters: [{ dataSize: AGENT_SPACE }, { memcmp: { offset: 8, bytes: payer.publicKey.toBase58() } }],
      }),
      'getProgramAccounts',
    );
    check(
      'getProgramAccounts(dataSize, memcmp) finds the agent',
      accts.length === 1 && accts[0].pubkey.equals(agent),
      accts.length,
    );
  });

  // ---- a second register_agent for the same wallet: preflight refuses it, as a cluster does ----
  await step('register_agent again', async () => {
    let err = null;
    try {
      await withTimeout(
        sendAndConfirmTransaction(connection, new Transaction().add(ix), [payer]),
        'sendAndConfirmTransaction',
      );
    } catch (e) {
      err = e;
    }
    const logs = err instanceof SendTransactionError ? await err.getLogs(connection) : null;
    check(
      'register_agent twice: SendTransactionError with the System "already in use" log',
      err instanceof SendTransactionError &&
        Array.isArray(logs) &&
        logs.some((l) => l.includes('already in use')),
      err && err.message.split('\n')[0],
    );
  });

  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main()
  .then((code) => process.exit(code))
  .catch((e) => {
    console.log(`not ok - unexpected: ${e && e.stack ? e.stack : e}`);
    process.stdout.write(`${passed} passed, ${failed + 1} failed\n`);
    process.exit(1);
  });
