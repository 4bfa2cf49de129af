// The JavaScript side of the side-by-side benchmark (bench/web3_compare/run.sh): the workload of
// driver.c, done with an unchanged @solana/web3.js 1.x against the same podd.
//
//   1. agent registration: N_REG fresh wallets, each funded by airdrop outside the timed part,
//      then sends register_agent and waits for "confirmed";
//   2. message send: one registered agent sends N_SEND send_message transactions (distinct
//      payloads, payload hash = SHA-256 of the payload, type Text), each confirmed before the next.
//
// Two ways of sending, both measured:
//   idiomatic  sendAndConfirmTransaction(connection, tx, [signer]) — what web3.js users write:
//              a getLatestBlockhash per transaction, then sendTransaction (preflight on) and
//              confirmTransaction (WebSocket signatureSubscribe + polling);
//   tuned      what our SDK does: the blockhash fetched once and reused, sendRawTransaction
//              (preflight on), then getSignatureStatuses polled until confirmed; and Node's
//              built-in fetch in place of web3.js's default HTTP agent.
// Instructions are encoded by hand (Borsh, PROTOCOL.md §2.6, §4.4, §4.5), as interop.mjs does.
//
//   PODD_RPC=http://... PODD_WS=ws://... node compare.mjs N_REG N_SEND [idiomatic|tuned|both]
//
// Prints table rows like bench_util.c (mean, median, P95, P99, ops/s) and appends JSON lines to
// $POD_BENCH_JSON when set.
import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  sendAndConfirmTransaction,
} from '@solana/web3.js';

const RPC = process.env.PODD_RPC;
const WS = process.env.PODD_WS;
const N_REG = Number(process.argv[2] || 100);
const N_SEND = Number(process.argv[3] || 100);
const MODES = (process.argv[4] || 'both') === 'both' ? ['idiomatic', 'tuned'] : [process.argv[4]];
if (!RPC) {
  console.error('compare.mjs: PODD_RPC (and PODD_WS) must be set (run.sh does)');
  process.exit(2);
}

const PROGRAM_ID = new PublicKey('HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps');
const REGISTER_AGENT = Buffer.from('879d42c30271af1e', 'hex');
const SEND_MESSAGE = Buffer.from('392822b2bd0a411a', 'hex');
const CAP_TEXT = 1n;
const MESSAGE_RENT = 1781760;

const connection = new Connection(RPC, { commitment: 'confirmed', wsEndpoint: WS });
// tuned: Node's own fetch (undici, TCP_NODELAY) instead of web3.js's default HTTP agent, whose
// requests stall on Nagle + delayed ACK (~40 ms) on a kept-alive loopback connection.
const tunedConnection = new Connection(RPC, { commitment: 'confirmed', wsEndpoint: WS, fetch: globalThis.fetch });

function u64le(v) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
}
function borshString(s) {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(bytes.length);
  return Buffer.concat([len, bytes]);
}
function agentPda(wallet) {
  return PublicKey.findProgramAddressSync([Buffer.from('agent'), wallet.toBuffer()], PROGRAM_ID)[0];
}
function registerAgentIx(wallet, uri) {
  return new TransactionInstruction({
    programId: PROGRAM_ID,
    keys: [
      { pubkey: agentPda(wallet), isSigner: false, isWritable: true },
      { pubkey: wallet, isSigner: true, isWritable: true },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
    ],
    data: Buffer.concat([REGISTER_AGENT, u64le(CAP_TEXT), borshString(uri)]),
  });
}
// send_message(recipient, payload_hash, message_type = Text): the PDA
// ["message", sender agent PDA, recipient, payload_hash, [0]].
function sendMessageIx(wallet, recipient, payload) {
  const hash = createHash('sha256').update(payload).digest();
  const sender = agentPda(wallet);
  const [message] = PublicKey.findProgramAddressSync(
    [Buffer.from('message'), sender.toBuffer(), recipient.toBuffer(), hash, Buffer.from([0])],
    PROGRAM_ID,
  );
  return new TransactionInstruction({
    programId: PROGRAM_ID,
    keys: [
      { pubkey: message, isSigner: false, isWritable: true },
      { pubkey: sender, isSigner: false, isWritable: false },
      { pubkey: wallet, isSigner: true, isWritable: true },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
    ],
    data: Buffer.concat([SEND_MESSAGE, recipient.toBuffer(), hash, Buffer.from([0])]),
  });
}

async function airdrop(to, lamports) {
  const sig = await connection.requestAirdrop(to, lamports);
  await pollConfirmed(sig);
}
async function pollConfirmed(sig, conn = connection) {
  for (let i = 0; i < 20000; i++) {
    const { value } = await conn.getSignatureStatuses([sig]);
    const st = value[0];
    if (st && st.err) throw new Error(`transaction ${sig} failed: ${JSON.stringify(st.err)}`);
    if (st && (st.confirmationStatus === 'confirmed' || st.confirmationStatus === 'finalized')) return;
    if (i > 2) await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`transaction ${sig} not confirmed`);
}

// The two ways of sending one transaction of one instruction signed by `signer`.
let cachedHash = null;
async function send(mode, ix, signer) {
  const tx = new Transaction().add(ix);
  if (mode === 'idiomatic') {
    await sendAndConfirmTransaction(connection, tx, [signer], { commitment: 'confirmed' });
    return;
  }
  if (!cachedHash) cachedHash = (await tunedConnection.getLatestBlockhash()).blockhash;
  tx.recentBlockhash = cachedHash;
  tx.feePayer = signer.publicKey;
  tx.sign(signer);
  const sig = await tunedConnection.sendRawTransaction(tx.serialize(), { preflightCommitment: 'confirmed' });
  await pollConfirmed(sig, tunedConnection);
}

// throughput = operations / sum of their times (as bench_util.c computes it for the C side)
function report(name, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const mean = s.reduce((a, b) => a + b, 0) / n;
  const at = (q) => s[Math.min(n - 1, Math.floor((n * q) / 100))];
  const st = { n, mean, median: s[Math.floor(n / 2)], p95: at(95), p99: at(99), ops: (n * 1e9) / s.reduce((a, b) => a + b, 0) };
  const f = (ns) => (ns < 1e3 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(2)} us` : `${(ns / 1e6).toFixed(2)} ms`);
  console.log(
    `${name.padEnd(44)} ${f(st.mean).padStart(10)} ${f(st.median).padStart(10)} ${f(st.p95).padStart(10)} ` +
      `${f(st.p99).padStart(10)} ${st.ops.toFixed(0).padStart(14)}`,
  );
  if (process.env.POD_BENCH_JSON) {
    appendFileSync(
      process.env.POD_BENCH_JSON,
      JSON.stringify({
        name,
        n,
        mean_ns: st.mean,
        median_ns: st.median,
        p95_ns: st.p95,
        p99_ns: st.p99,
        ops_per_s: st.ops,
      }) + '\n',
    );
  }
}

const now = () => process.hrtime.bigint();

async function run(mode) {
  // agent registration
  const samples = [];
  for (let i = 0; i < N_REG; i++) {
    const w = Keypair.generate();
    await airdrop(w.publicKey, LAMPORTS_PER_SOL / 10);
    const t0 = now();
    await send(mode, registerAgentIx(w.publicKey, 'https://example.com/bench-agent.json'), w);
    samples.push(Number(now() - t0));
  }
  report(`web3.js (${mode}): agent registration`, samples);

  // message send
  const sender = Keypair.generate();
  const recipient = Keypair.generate().publicKey;
  const need = N_SEND * (MESSAGE_RENT + 5000) + LAMPORTS_PER_SOL;
  for (let got = 0; got < need; got += 50 * LAMPORTS_PER_SOL) await airdrop(sender.publicKey, 50 * LAMPORTS_PER_SOL);
  await send(mode, registerAgentIx(sender.publicKey, 'https://example.com/bench-sender.json'), sender);
  samples.length = 0;
  for (let i = 0; i < N_SEND; i++) {
    const t0 = now();
    await send(mode, sendMessageIx(sender.publicKey, recipient, Buffer.from(`bench message ${i}`)), sender);
    samples.push(Number(now() - t0));
  }
  report(`web3.js (${mode}): message send`, samples);
}

try {
  for (const m of MODES) await run(m);
  process.exit(0);
} catch (e) {
  console.error(`compare.mjs: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
}
