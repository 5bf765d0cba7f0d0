import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeRefsOf } from '../../src/model/codeRefs';
import { HOSTILE_CODE_TEXTS } from '../support/hostileCodeText';
import { baseNamesOf, resolveCodeRef, type WorkspaceFile } from '../../src/model/codeRefResolve';

/** Traces as the runtimes print them (copied formats, our paths). */
const CORPUS: { name: string; text: string; want: object[] }[] = [
  {
    name: 'Node.js / TypeScript',
    text: `TypeError: Cannot read properties of undefined (reading 'amount')
    at chargeCard (/app/src/payments/charge.ts:42:17)
    at async Promise.all (index 0)
    at Object.<anonymous> (file:///usr/src/app/dist/server.js:7:3)
    at /app/src/payments/retry.ts:9:5
    at async /app/src/payments/queue.ts:3:1
    at node:internal/process/task_queues:95:5
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`,
    want: [
      { path: '/app/src/payments/charge.ts', line: 42, column: 17, symbol: 'chargeCard' },
      { path: '/usr/src/app/dist/server.js', line: 7, column: 3, symbol: 'Object.<anonymous>' },
      { path: '/app/src/payments/retry.ts', line: 9, column: 5 },
      { path: '/app/src/payments/queue.ts', line: 3, column: 1 },
    ],
  },
  {
    name: 'Python',
    text: `Traceback (most recent call last):
  File "/usr/src/app/payments/charge.py", line 88, in charge
    amount = order["amount"]
  File "/usr/local/lib/python3.12/site-packages/payments/gateway.py", line 12, in <module>
KeyError: 'amount'`,
    want: [
      { path: '/usr/src/app/payments/charge.py', line: 88, symbol: 'charge' },
      { path: '/usr/local/lib/python3.12/site-packages/payments/gateway.py', line: 12, symbol: '<module>' },
    ],
  },
  {
    name: 'Java and Kotlin',
    text: `java.lang.IllegalStateException: card declined
	at com.acme.payments.ChargeService.charge(ChargeService.java:57)
	at com.acme.payments.ChargeService$Retry.run(ChargeService.java:120)
	at app//com.acme.billing.InvoiceKt$send$1.invokeSuspend(Invoice.kt:33)
	at java.base/java.lang.Thread.run(Thread.java:833)
	at jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
	... 12 more`,
    want: [
      { path: 'com/acme/payments/ChargeService.java', line: 57, symbol: 'com.acme.payments.ChargeService.charge' },
      { path: 'com/acme/payments/ChargeService.java', line: 120, symbol: 'com.acme.payments.ChargeService$Retry.run' },
      { path: 'com/acme/billing/Invoice.kt', line: 33, symbol: 'com.acme.billing.InvoiceKt$send$1.invokeSuspend' },
      { path: 'java/lang/Thread.java', line: 833, symbol: 'java.lang.Thread.run' },
    ],
  },
  {
    name: 'Go',
    text: `panic: runtime error: invalid memory address or nil pointer dereference
goroutine 1 [running]:
main.(*Server).handle(0xc000010000, {0x0, 0x0})
	/app/cmd/server/main.go:42 +0x1d
main.main()
	/app/cmd/server/main.go:17 +0x25`,
    want: [
      { path: '/app/cmd/server/main.go', line: 42, symbol: 'main.(*Server).handle' },
      { path: '/app/cmd/server/main.go', line: 17, symbol: 'main.main' },
    ],
  },
  {
    name: '.NET',
    text: `System.NullReferenceException: Object reference not set to an instance of an object.
   at Acme.Payments.ChargeService.Charge(Order order) in /src/Acme.Payments/ChargeService.cs:line 42
   at Acme.Api.Program.<Main>$(String[] args) in C:\\build\\src\\Acme.Api\\Program.cs:line 9
   at System.Threading.Tasks.Task.Execute()`,
    want: [
      { path: '/src/Acme.Payments/ChargeService.cs', line: 42, symbol: 'Acme.Payments.ChargeService.Charge' },
      { path: 'C:/build/src/Acme.Api/Program.cs', line: 9, symbol: 'Acme.Api.Program.<Main>$' },
    ],
  },
  {
    name: 'Ruby',
    text: `/app/app/models/charge.rb:42:in 'Charge#process': card declined (RuntimeError)
	from /app/app/jobs/charge_job.rb:7:in \`perform'
	from /usr/local/bundle/gems/sidekiq-7.2.0/lib/sidekiq/processor.rb:202:in 'execute_job'`,
    want: [
      { path: '/app/app/models/charge.rb', line: 42, symbol: 'Charge#process' },
      { path: '/app/app/jobs/charge_job.rb', line: 7, symbol: 'perform' },
      { path: '/usr/local/bundle/gems/sidekiq-7.2.0/lib/sidekiq/processor.rb', line: 202, symbol: 'execute_job' },
    ],
  },
  {
    name: 'PHP',
    text: `PHP Fatal error:  Uncaught RuntimeException: declined in /var/www/html/src/Payment/Gateway.php:87
Stack trace:
#0 /var/www/html/src/Payment/Checkout.php(31): App\\Payment\\Gateway->charge()
#1 {main}
  thrown in /var/www/html/src/Payment/Gateway.php on line 87`,
    want: [
      { path: '/var/www/html/src/Payment/Gateway.php', line: 87 },
      { path: '/var/www/html/src/Payment/Checkout.php', line: 31, symbol: 'App\\Payment\\Gateway->charge()' },
    ],
  },
  {
    name: 'Rust',
    text: `thread 'main' panicked at src/payments/charge.rs:42:13:
called \`Option::unwrap()\` on a \`None\` value
stack backtrace:
   2: payments::charge::run
             at ./src/payments/charge.rs:42:13
   3: core::ops::function::FnOnce::call_once
             at /rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/ops/function.rs:250:5`,
    want: [
      { path: 'src/payments/charge.rs', line: 42, column: 13, symbol: 'payments::charge::run' },
      { path: '/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/ops/function.rs', line: 250, column: 5, symbol: 'core::ops::function::FnOnce::call_once' },
    ],
  },
  {
    name: 'plain mentions',
    text: 'Regression from src/checkout/cart.ts:120 (see also lib/util.py:7:2, and main.go:3).',
    want: [
      { path: 'src/checkout/cart.ts', line: 120 },
      { path: 'lib/util.py', line: 7, column: 2 },
      { path: 'main.go', line: 3 },
    ],
  },
];

describe('codeRefsOf', () => {
  for (const { name, text, want } of CORPUS) {
    it(`reads ${name} frames`, () => assert.deepEqual(codeRefsOf(text), want));
  }

  it('takes no URLs, times, hosts or version numbers for code', () => {
    const text = [
      'see https://github.com/acme/pay/blob/main/src/charge.ts:42 and webpack:///./src/app.ts:10:5',
      'at https://cdn.example.com/static/app.js:1:2045',
      'cdn.example.com/app.js:12 served by api.pagerduty.com:443',
      'started at 12:30:45, node:22, v1.2.3:4, python3.12:1, release 2024.10.1:5',
      'ratio 3.14:1, file charge.ts without a line, charge.ts:0, charge.ts:abc',
    ].join('\n');
    assert.deepEqual(codeRefsOf(text), []);
  });

  it('keeps each location once and stops at a bounded count', () => {
    assert.equal(codeRefsOf('a.ts:1 a.ts:1 a.ts:1').length, 1);
    const many = Array.from({ length: 1000 }, (_, i) => `src/f${i}.ts:${i + 1}`).join('\n');
    assert.equal(codeRefsOf(many).length, 200);
  });

  // How fast: `npm run bench` (codeRefsOf on these shapes). Here: every shape finishes, with a bounded answer.
  it('reads 100 KB of hostile text of any shape to a bounded answer', () => {
    const sizes = HOSTILE_CODE_TEXTS.map((text) => [text.length >= 90_000, codeRefsOf(text).length]);
    assert.deepEqual(sizes, [[true, 0], [true, 0], [true, 0], [true, 0], [true, 0], [true, 0], [true, 0], [true, 0], [true, 1], [true, 0]]);
  });

  it('finds mentions inside a long one-line message', () => {
    assert.deepEqual(codeRefsOf(`${'x '.repeat(1000)}failed at src/pay.ts:3 ${'y '.repeat(1000)}`), [{ path: 'src/pay.ts', line: 3 }]);
  });

  it('takes any value without throwing', () => {
    for (const value of [undefined, null, 42, {}, '']) assert.deepEqual(codeRefsOf(value as unknown as string), []);
  });
});

describe('resolveCodeRef', () => {
  const files: WorkspaceFile[] = [
    { folder: 'pay', path: 'src/payments/charge.ts' },
    { folder: 'pay', path: 'src/payments/retry.ts' },
    { folder: 'pay', path: 'test/payments/charge.ts' },
    { folder: 'pay', path: 'node_modules/express/lib/router/index.js' },
    { folder: 'pay', path: 'payments/charge.py' },
    { folder: 'pay', path: '.venv/lib/python3.12/site-packages/requests/api.py' },
    { folder: 'pay', path: 'src/main/java/com/acme/payments/ChargeService.java' },
    { folder: 'web', path: 'src/index.ts' },
    { folder: 'api', path: 'src/index.ts' },
  ];

  it('drops container prefixes by the longest shared suffix', () => {
    assert.deepEqual(resolveCodeRef({ path: '/app/src/payments/charge.ts' }, files), { kind: 'resolved', file: files[0] });
    assert.deepEqual(resolveCodeRef({ path: '/usr/src/app/payments/charge.py' }, files), { kind: 'resolved', file: files[4] });
    assert.deepEqual(resolveCodeRef({ path: 'com/acme/payments/ChargeService.java' }, files), { kind: 'resolved', file: files[6] });
    assert.deepEqual(resolveCodeRef({ path: 'C:/build/src/payments/retry.ts' }, files), { kind: 'resolved', file: files[1] });
  });

  it('reads what follows site-packages as the package path', () => {
    assert.deepEqual(resolveCodeRef({ path: '/usr/local/lib/python3.12/site-packages/payments/charge.py' }, files), { kind: 'resolved', file: files[4] });
  });

  it('offers ties instead of guessing', () => {
    assert.deepEqual(resolveCodeRef({ path: '/srv/src/index.ts' }, files), { kind: 'ambiguous', files: [files[7], files[8]] });
    assert.deepEqual(resolveCodeRef({ path: 'charge.ts' }, files), { kind: 'ambiguous', files: [files[0], files[2]] });
  });

  it('never takes library code for the workspace', () => {
    assert.deepEqual(resolveCodeRef({ path: '/app/node_modules/express/lib/router/index.js' }, files), { kind: 'unresolved', why: 'library' });
    assert.deepEqual(resolveCodeRef({ path: '/app/.venv/lib/python3.12/site-packages/requests/api.py' }, files), { kind: 'unresolved', why: 'library' });
    assert.deepEqual(resolveCodeRef({ path: '/usr/lib/site-packages/requests/api.py' }, files), { kind: 'unresolved', why: 'notFound' });
    assert.deepEqual(resolveCodeRef({ path: '/app/lib/router/index.js' }, files), { kind: 'unresolved', why: 'notFound' });
  });

  it('names the files to search for once each', () => {
    assert.deepEqual(baseNamesOf([{ path: '/app/a/x.ts' }, { path: 'b/x.ts' }, { path: 'node_modules/y.js' }, { path: 'site-packages/z.py' }]), ['x.ts', 'z.py']);
  });
});
