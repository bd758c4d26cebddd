import { connect as connectHttp2, type ClientHttp2Session } from 'node:http2';
import { connect as connectTls, type ConnectionOptions, type SecureContext, type TLSSocket } from 'node:tls';

/** Where an HTTP/2 session goes: the TLS name, the address to connect to, and the source address. */
export interface Http2Origin {
  /** TLS server name and `:authority` host. */
  hostname: string;
  connectHost: string;
  port: number;
  localAddress?: string;
}

/** A session lent to one exchange; `release` exactly once when the exchange has settled. */
export interface Http2Lease {
  kind: 'lease';
  session: ClientHttp2Session;
  release(): void;
}
/** No session: `code` says why (ECONNREFUSED, ETIMEDOUT, H2_NOT_NEGOTIATED, a TLS error...). */
export interface NoSession {
  kind: 'no-session';
  code: string;
  message: string;
}

/** The code of a TLS server that does not speak HTTP/2: never an HTTP answer, so never allowed nor denied. */
export const H2_NOT_NEGOTIATED = 'H2_NOT_NEGOTIATED';

/** Response header lists larger than this are no answer (as `MAX_HEADER_BYTES` over HTTP/1.1). */
export const MAX_H2_HEADER_LIST_BYTES = 16 * 1024;

export interface Http2Sessions {
  /** A session to `origin`, shared by every exchange to it from the same source address. */
  acquire(origin: Http2Origin, timeoutMs: number): Promise<Http2Lease | NoSession>;
  /** Closes every session (tests; a run lets idle sessions close themselves). */
  closeAll(): void;
}

interface Entry {
  ready: Promise<ClientHttp2Session | NoSession>;
  active: number;
  idle?: NodeJS.Timeout;
}

/** Opens TLS with ALPN `h2` only; a server that picks no protocol or another one is refused. */
function openSession(
  origin: Http2Origin,
  secureContext: SecureContext,
  timeoutMs: number,
): Promise<ClientHttp2Session | NoSession> {
  return new Promise((resolve) => {
    let socket: TLSSocket | undefined;
    const fail = (code: string, message: string) => {
      clearTimeout(timer);
      socket?.destroy();
      resolve({ kind: 'no-session', code, message });
    };
    const timer = setTimeout(() => fail('ETIMEDOUT', `no TLS session within ${timeoutMs} ms`), timeoutMs);
    const where = `${origin.hostname}:${origin.port}`;
    try {
      // tls.connect hands `localAddress` on to net.connect; its types do not say so.
      const options: ConnectionOptions & { localAddress?: string } = {
        host: origin.connectHost,
        port: origin.port,
        servername: origin.hostname,
        localAddress: origin.localAddress,
        secureContext,
        ALPNProtocols: ['h2'],
      };
      socket = connectTls(options);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      return fail(e.code ?? 'ERR_INVALID_ARG_VALUE', e.message);
    }
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // OpenSSL's alert for "no protocol in common" is the same refusal as a server that ignores ALPN.
      if (/NO_APPLICATION_PROTOCOL/i.test(error.code ?? ''))
        return fail(H2_NOT_NEGOTIATED, `${where} does not offer HTTP/2 (TLS alert: no application protocol)`);
      fail(error.code ?? 'ERROR', error.message);
    });
    socket.once('secureConnect', () => {
      const tls = socket!;
      if (tls.alpnProtocol !== 'h2') {
        const chose = tls.alpnProtocol ? `it chose ${tls.alpnProtocol}` : 'it negotiated no protocol (ALPN)';
        return fail(H2_NOT_NEGOTIATED, `${where} does not offer HTTP/2: ${chose}`);
      }
      clearTimeout(timer);
      tls.removeAllListeners('error');
      const session = connectHttp2(`https://${where}`, {
        createConnection: () => tls,
        settings: { maxHeaderListSize: MAX_H2_HEADER_LIST_BYTES, enablePush: false },
        maxHeaderListPairs: 256,
      });
      // A broken session fails its streams, which report it; the pool only forgets it.
      session.on('error', () => {});
      resolve(session);
    });
  });
}

/**
 * HTTP/2 sessions, one per origin and source address (a session never carries another VPC's
 * caller), over one TLS context. A session with no stream open is closed after `idleCloseMs`, as
 * the HTTP/1.1 agents close an idle connection; one the far end closed (GOAWAY, reset) is forgotten
 * and the next exchange opens another.
 */
export function createHttp2Sessions(secureContext: SecureContext, idleCloseMs: number): Http2Sessions {
  const entries = new Map<string, Entry>();
  const forget = (key: string, entry: Entry) => {
    if (entries.get(key) === entry) entries.delete(key);
    clearTimeout(entry.idle);
  };
  const acquire = async (origin: Http2Origin, timeoutMs: number): Promise<Http2Lease | NoSession> => {
    const key = `${origin.hostname} ${origin.connectHost}:${origin.port} ${origin.localAddress ?? ''}`;
    let entry = entries.get(key);
    if (!entry) {
      const created: Entry = { ready: openSession(origin, secureContext, timeoutMs), active: 0 };
      entries.set(key, created);
      void created.ready.then((session) => {
        if (!('request' in session)) return forget(key, created);
        for (const event of ['close', 'goaway', 'error']) session.once(event, () => forget(key, created));
      });
      entry = created;
    }
    const held = entry;
    held.active++;
    clearTimeout(held.idle);
    const session = await held.ready;
    if (!('request' in session)) {
      held.active--;
      return session;
    }
    if (session.closed || session.destroyed) {
      held.active--;
      forget(key, held);
      return acquire(origin, timeoutMs);
    }
    let released = false;
    return {
      kind: 'lease',
      session,
      release() {
        if (released) return;
        released = true;
        if (--held.active > 0) return;
        held.idle = setTimeout(() => {
          forget(key, held);
          session.close();
        }, idleCloseMs);
        held.idle.unref();
      },
    };
  };
  return {
    acquire,
    closeAll() {
      for (const [key, entry] of entries) {
        forget(key, entry);
        void entry.ready.then((session) => ('request' in session ? session.destroy() : undefined));
      }
    },
  };
}
