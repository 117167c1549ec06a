import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';

export interface EndpointOverride {
  /** An SP-API-compatible HTTPS server on this machine: our simulator or anyone's test server. */
  host: string;
  port: number;
  /** PEM of the CA (or self-signed certificate) that server presents; the only one trusted. */
  ca: string;
}

/**
 * Points the real `amazon-sp-api` client at a local SP-API server without touching its code: every connection it opens
 * (API, LWA token, report download, feed upload) is dialled to the override instead, while TLS still checks the
 * certificate against the Amazon host name it asked for. With only the test CA trusted, a connection that escapes the
 * redirect cannot succeed.
 */
export class LoopbackAgent extends https.Agent {
  private readonly target: EndpointOverride;

  constructor(target: EndpointOverride) {
    super({ keepAlive: true, ca: target.ca, maxSockets: 16 });
    this.target = target;
  }

  override createConnection(options: tls.ConnectionOptions, callback?: (err: Error | null, socket: net.Socket) => void): net.Socket {
    const servername = options.servername ?? options.host ?? undefined;
    const redirected: tls.ConnectionOptions = { ...options, host: this.target.host, port: this.target.port, servername };
    // https.Agent's createConnection exists at run time but is not in @types/node's class declaration.
    const base = https.Agent.prototype as unknown as { createConnection: (o: tls.ConnectionOptions, cb?: unknown) => net.Socket };
    return base.createConnection.call(this, redirected, callback);
  }
}
