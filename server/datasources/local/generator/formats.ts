import type { Pod } from './shop';
import type { Random } from './random';

export interface LineContext {
  random: Random;
  ms: number;
  pod: Pod;
  /** Inside the incident window the payments path fails. */
  incident: boolean;
}

const PATHS = [
  '/',
  '/api/cart',
  '/api/catalog/items',
  '/api/checkout',
  '/api/pay',
  '/static/app.js',
  '/healthz',
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'kube-probe/1.31',
  'curl/8.5.0',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const USERS = ['ann', 'bo', 'chen', 'dara', 'eli', 'fatima', 'gus'];

const iso = (ms: number): string => new Date(ms).toISOString();
const trace = (r: Random): string => r.hex(32);

function httpLevel(status: number): string {
  return status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
}

function nginx({ random, ms, incident }: LineContext): string[] {
  const path = random.pick(PATHS);
  const failing = incident && path === '/api/pay' ? random.chance(0.7) : false;
  const status = failing
    ? random.pick([502, 503, 504])
    : random.chance(0.04)
      ? random.pick([404, 401, 429])
      : random.chance(0.005)
        ? 500
        : 200;
  const method = path === '/api/pay' || path === '/api/checkout' ? 'POST' : 'GET';
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()] ?? 'Jan';
  const stamp = `${String(d.getUTCDate()).padStart(2, '0')}/${month}/${d.getUTCFullYear()}:${d.toISOString().slice(11, 19)} +0000`;
  const upstream = path.startsWith('/api/pay')
    ? 'payments-payments-api-8080'
    : 'shop-checkout-8080';
  const latency = (failing ? 5 + random.next() * 25 : random.next() * 0.3).toFixed(3);
  return [
    `10.0.${random.int(0, 3)}.${random.int(2, 254)} - - [${stamp}] "${method} ${path} HTTP/1.1" ${status} ${random.int(80, 9000)} "-" "${random.pick(AGENTS)}" ${random.int(200, 900)} ${latency} [${upstream}] [] 10.244.${random.int(0, 3)}.${random.int(2, 254)}:8080 ${random.int(80, 9000)} ${latency} ${status} ${random.hex(32)}`,
  ];
}

function zap({ random, ms, pod, incident }: LineContext): string[] {
  const failing = incident && random.chance(0.5);
  const status = failing ? 502 : random.chance(0.03) ? 409 : 200;
  const level = failing ? 'error' : random.chance(0.1) ? 'debug' : httpLevel(status);
  const msg = failing
    ? 'payment authorization failed'
    : random.pick(['order placed', 'checkout started', 'cart validated', 'shipping quote fetched']);
  const error = failing
    ? ',"error":"rpc error: code = Unavailable desc = payments-api: connection refused"'
    : '';
  return [
    `{"level":"${level}","ts":${(ms / 1000).toFixed(6)},"caller":"checkout/handler.go:${random.int(40, 220)}","msg":"${msg}","pod":"${pod.name}","trace_id":"${trace(random)}","order_id":"ord_${random.hex(10)}","status":${status},"latency_ms":${failing ? random.int(3000, 30000) : random.int(3, 400)}${error}}`,
  ];
}

function pino({ random, ms, pod }: LineContext): string[] {
  const level = random.chance(0.02) ? 50 : random.chance(0.06) ? 40 : random.chance(0.15) ? 20 : 30;
  const msg =
    level === 50
      ? 'search index unavailable'
      : level === 40
        ? 'slow query'
        : random.pick(['request completed', 'cache hit', 'item loaded']);
  return [
    `{"level":${level},"time":${ms},"pid":1,"hostname":"${pod.name}","reqId":"req-${random.int(1, 99999)}","msg":"${msg}","responseTime":${(random.next() * (level === 40 ? 2000 : 80)).toFixed(2)}}`,
  ];
}

function slog({ random, ms, incident }: LineContext): string[] {
  const level = incident && random.chance(0.3) ? 'ERROR' : random.chance(0.05) ? 'WARN' : 'INFO';
  const msg =
    level === 'ERROR'
      ? 'upstream timeout'
      : level === 'WARN'
        ? 'score near threshold'
        : 'transaction scored';
  return [
    `{"time":"${iso(ms)}","level":"${level}","msg":"${msg}","user":"${random.pick(USERS)}","score":${random.next().toFixed(3)},"duration":"${random.int(1, 900)}ms","trace_id":"${trace(random)}"}`,
  ];
}

function logfmt({ random, ms, pod }: LineContext): string[] {
  if (pod.service.app === 'prometheus') {
    const level = random.chance(0.05) ? 'warn' : 'info';
    return [
      `ts=${iso(ms)} caller=${random.pick(['head.go:812', 'compact.go:523', 'scrape.go:1400'])} level=${level} component=tsdb msg="${level === 'warn' ? 'Error on ingesting samples that are too old or are too far into the future' : 'Head GC completed'}" duration=${random.int(2, 900)}ms`,
    ];
  }
  const level = random.chance(0.02)
    ? 'error'
    : random.chance(0.05)
      ? 'warn'
      : random.chance(0.2)
        ? 'debug'
        : 'info';
  return [
    `time=${iso(ms)} level=${level.toUpperCase()} msg="${level === 'error' ? 'redis: connection pool timeout' : 'cart updated'}" cart_id=c_${random.hex(8)} items=${random.int(1, 9)} user=${random.pick(USERS)} duration=${random.int(1, 120)}ms`,
  ];
}

const FRAMES = [
  'com.shop.payments.gateway.CardGatewayClient.authorize(CardGatewayClient.java:214)',
  'com.shop.payments.service.PaymentService.charge(PaymentService.java:88)',
  'com.shop.payments.api.PaymentController.pay(PaymentController.java:51)',
  'org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)',
  'org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:659)',
  'java.base/java.lang.Thread.run(Thread.java:1583)',
];

function java({ random, ms, incident }: LineContext): string[] {
  const stamp = iso(ms).replace('T', ' ').replace('Z', '');
  const traceId = random.hex(16);
  if ((incident && random.chance(0.6)) || random.chance(0.01)) {
    return [
      `${stamp} ERROR 1 --- [nio-8080-exec-${random.int(1, 10)}] c.s.p.service.PaymentService : [${traceId}] Payment authorization failed for order ord_${random.hex(10)}`,
      'java.net.SocketTimeoutException: Read timed out',
      ...FRAMES.map((f) => `\tat ${f}`),
      'Caused by: java.net.ConnectException: Connection refused: card-gateway.payments.svc/10.96.14.3:443',
      `\t... ${random.int(20, 60)} common frames omitted`,
    ];
  }
  const level = random.chance(0.05) ? ' WARN' : ' INFO';
  return [
    `${stamp}${level} 1 --- [nio-8080-exec-${random.int(1, 10)}] c.s.p.service.PaymentService : [${traceId}] ${level === ' WARN' ? 'Retrying card gateway call' : 'Payment captured'} amount=${random.int(5, 500)}.${random.int(10, 99)} currency=EUR`,
  ];
}

function coredns({ random }: LineContext): string[] {
  const name = random.pick([
    'checkout.shop.svc.cluster.local.',
    'payments-api.payments.svc.cluster.local.',
    'redis.shop.svc.cluster.local.',
  ]);
  const rcode = random.chance(0.03) ? 'NXDOMAIN' : 'NOERROR';
  return [
    `[INFO] 10.244.${random.int(0, 3)}.${random.int(2, 254)}:${random.int(30000, 60000)} - ${random.int(1, 65535)} "A IN ${name} udp ${random.int(40, 90)} false 512" ${rcode} qr,aa,rd ${random.int(80, 160)} 0.000${random.int(100, 999)}s`,
  ];
}

function audit({ random, ms }: LineContext): string[] {
  const verb = random.pick(['get', 'list', 'watch', 'update', 'patch', 'create', 'delete']);
  const resource = random.pick(['pods', 'deployments', 'configmaps', 'secrets', 'leases']);
  const ns = random.pick(['shop', 'payments', 'kube-system']);
  const code = random.chance(0.04) ? 403 : verb === 'create' ? 201 : 200;
  const user = random.pick([
    'system:serviceaccount:kube-system:deployment-controller',
    'system:kube-scheduler',
    `${random.pick(USERS)}@example.com`,
  ]);
  return [
    `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"${random.hex(8)}-${random.hex(4)}-${random.hex(4)}-${random.hex(4)}-${random.hex(12)}","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/${ns}/${resource}","verb":"${verb}","user":{"username":"${user}","groups":["system:authenticated"]},"sourceIPs":["10.0.1.${random.int(2, 254)}"],"objectRef":{"resource":"${resource}","namespace":"${ns}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":${code}},"requestReceivedTimestamp":"${iso(ms)}","stageTimestamp":"${iso(ms + random.int(1, 40))}"}`,
  ];
}

const COLOURS: Record<string, string> = {
  INFO: '\u001b[32m',
  WARN: '\u001b[33m',
  ERROR: '\u001b[31m',
};

function ansi({ random, ms }: LineContext): string[] {
  const level = random.chance(0.02) ? 'ERROR' : random.chance(0.05) ? 'WARN' : 'INFO';
  const msg =
    level === 'ERROR'
      ? 'render failed: <script>alert(1)</script> in template'
      : `GET ${random.pick(PATHS)} rendered in ${random.int(2, 300)}ms`;
  return [`${iso(ms)} ${COLOURS[level] ?? ''}${level}\u001b[0m \u001b[1m[web]\u001b[22m ${msg}`];
}

export const FORMATS: Record<Pod['service']['format'], (ctx: LineContext) => string[]> = {
  nginx,
  zap,
  pino,
  slog,
  logfmt,
  java,
  coredns,
  audit,
  ansi,
};
