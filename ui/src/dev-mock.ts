// Dev only (served by `vite` through mock.html, never part of `vite build`): a fake Rust shell in
// the page so the UI can be looked at in a plain browser. URL parameters pick the starting point:
// ?state=first_run|unlock|main  &view=list|add|detail|check_all|safety|settings  &lang=en|fr|vi  &empty=1
// &click=id1,id2 clicks those data-testids in turn once the view is up (to open menus and dialogs for
// screenshots); an entry `id=value` sets a <select>'s or an <input>'s value instead, e.g.
// click=exchange-select=binance.
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type {
  CheckReport,
  ExchangeInfo,
  KeyDetail,
  KeyForm,
  KeySummary,
  PasteResult,
  PasteSequence,
  PlatformVerdict,
  ReplaceOutcome,
  SafetyOverview,
  Settings,
  VerdictStatus,
} from './lib/types';

const params = new URLSearchParams(location.search);
// Tauri's `freezePrototype: true`: catch libraries that would break under it.
if (params.get('freeze')) Object.freeze(Object.prototype);
const startState = params.get('state') ?? 'main';
const lang = params.get('lang');
if (lang) Object.defineProperty(navigator, 'language', { value: lang });

const now = Date.now();
const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString();

const exchanges: ExchangeInfo[] = [
  ['binance', 'Binance', false, true],
  ['okx', 'OKX', true, true],
  ['bybit', 'Bybit', false, true],
  ['kraken', 'Kraken', false, true],
  ['kucoin', 'KuCoin', true, true],
  ['whitebit', 'WhiteBIT', false, false],
  ['cryptocom', 'Crypto.com', false, false],
].map(([id, name, pass, perms]) => ({
  id: id as string,
  name: name as string,
  needs_passphrase: pass as boolean,
  reports_permissions: perms as boolean,
  key_types: ['hmac'],
  api_key_hint: '64 letters and digits',
  secret_hint: '64 letters and digits',
}));

const okReport = (exchange: string): CheckReport => ({
  exchange,
  checked_at: iso(0.1),
  ok: true,
  balances: [
    { asset: 'BTC', free: '0.04210000', locked: '0.00500000' },
    { asset: 'USDT', free: '1250.37', locked: '300' },
    { asset: 'ETH', free: '0', locked: '0' },
  ],
  permissions: {
    read: 'yes',
    spot_trade: 'yes',
    margin: 'no',
    futures: 'no',
    withdraw: 'no',
    internal_transfer: 'not_reported',
    ip_restricted: 'yes',
    allowed_ips: ['203.0.113.10', '203.0.113.11'],
  },
});

const failedReport = (exchange: string): CheckReport => ({
  exchange,
  checked_at: iso(0.2),
  ok: false,
  balances: [],
  permissions: {
    read: 'not_reported',
    spot_trade: 'not_reported',
    margin: 'not_reported',
    futures: 'not_reported',
    withdraw: 'not_reported',
    internal_transfer: 'not_reported',
    ip_restricted: 'not_reported',
  },
  diagnosis: {
    kind: 'ip_not_whitelisted',
    exchange_code: '-2015',
    exchange_message: 'Invalid API-key, IP, or permissions for action.',
    message: 'This computer is not on the key’s IP whitelist.',
  },
});

function detail(s: Partial<KeyDetail> & Pick<KeyDetail, 'id' | 'label' | 'exchange'>): KeyDetail {
  const ex = exchanges.find((e) => e.id === s.exchange);
  return {
    exchange_name: ex?.name ?? s.exchange,
    platforms: [],
    tags: [],
    api_key_hint: 'vmPU…Qx8A',
    created_at: iso(120),
    updated_at: iso(3),
    status: 'never_checked',
    expiring_soon: false,
    notes: '',
    key_type: 'hmac',
    has_passphrase: ex?.needs_passphrase ?? false,
    history: [],
    ...s,
  };
}

let keys: KeyDetail[] = params.get('empty')
  ? []
  : [
      detail({
        id: 'k1',
        label: 'Binance – Bitsgap grid',
        exchange: 'binance',
        account: 'main',
        platforms: ['bitsgap'],
        tags: ['grid', 'btc'],
        status: 'ok',
        last_checked_at: iso(0.1),
        last_check: okReport('binance'),
        notes: 'IP list copied from Bitsgap → My Exchanges. Withdrawals off.',
        history: [{ api_key_hint: 'Ab12…9xYz', revoked_at: iso(40) }],
        platform_ips: { bitsgap: ['18.180.13.115', '52.68.107.40', '54.65.232.71'] },
      }),
      detail({
        id: 'k2',
        label: 'OKX futures',
        exchange: 'okx',
        platforms: ['3commas'],
        status: 'failed',
        last_checked_at: iso(0.2),
        last_check: failedReport('okx'),
        api_key_hint: '1f0c…be42',
      }),
      detail({
        id: 'k3',
        label: 'Kraken – rotki (read only)',
        exchange: 'kraken',
        platforms: ['rotki'],
        tags: ['tax'],
        api_key_hint: 'Kq9Z…p0Lw',
      }),
      detail({
        id: 'k4',
        label: 'Bybit sub-account 2',
        exchange: 'bybit',
        account: 'sub-2',
        platforms: ['bitsgap', 'cryptohopper'],
        status: 'ok',
        expires_at: new Date(now + 6 * 86_400_000).toISOString(),
        expiring_soon: true,
        last_check: okReport('bybit'),
        api_key_hint: 'XbT3…Zz01',
      }),
    ];

const platformNames: Record<string, string> = {
  bitsgap: 'Bitsgap',
  '3commas': '3Commas',
  cryptohopper: 'Cryptohopper',
  rotki: 'rotki',
};

/** What the fake core says each platform makes of each key (Rust renders these sentences). */
function verdictsOf(k: KeyDetail): PlatformVerdict[] {
  return k.platforms.map((platform): PlatformVerdict => {
    const base = { platform, platform_name: platformNames[platform] ?? platform };
    if (k.status === 'never_checked') {
      return {
        ...base,
        status: 'unknown',
        reasons: [{ code: 'not_checked', severity: 'info', message: 'Check the key to learn its permissions.' }],
      };
    }
    if (k.status === 'failed')
      return {
        ...base,
        status: 'rejected',
        reasons: [
          {
            code: 'check_failed',
            severity: 'blocker',
            message: 'The last check failed: this computer is not on the key’s IP whitelist.',
          },
          { code: 'futures_needed', severity: 'warning', message: '3Commas futures bots need Futures trading.' },
        ],
      };
    if (k.platforms.length > 1)
      return {
        ...base,
        status: 'risky',
        reasons: [
          {
            code: 'shared_key',
            severity: 'warning',
            message: 'This key is also used by another platform: nonce errors are likely.',
          },
          { code: 'ip_restricted', severity: 'info', message: 'The key is restricted to the platform’s IPs.' },
        ],
      };
    return {
      ...base,
      status: 'ready',
      reasons: [
        { code: 'permissions_match', severity: 'info', message: 'Reading and spot trading on, withdrawals off.' },
      ],
    };
  });
}

const RANK: VerdictStatus[] = ['rejected', 'risky', 'unknown', 'ready'];
const worst = (vs: PlatformVerdict[]) =>
  vs.length === 0 ? undefined : RANK.find((r) => vs.some((v) => v.status === r));

const summary = (k: KeyDetail): KeySummary => {
  const { key_type: _t, has_passphrase: _p, base_url: _b, last_check: _l, history: _h, platform_ips: _i, ...rest } = k;
  const vs = verdictsOf(k);
  return { ...rest, verdict: worst(vs), verdicts: vs.map((v) => ({ platform: v.platform, status: v.status })) };
};

const ref = (k: KeyDetail) => ({ id: k.id, label: k.label, exchange: k.exchange });

function safetyOverview(): SafetyOverview {
  return {
    can_withdraw: [],
    no_ip_restriction: keys.filter((k) => k.last_check?.permissions.ip_restricted !== 'yes').map(ref),
    expiring_soon: keys.filter((k) => k.expiring_soon).map((k) => ({ ...ref(k), days: 6 })),
    shared: keys.filter((k) => k.platforms.length > 1).map((k) => ({ ...ref(k), platforms: k.platforms })),
    reminders: [
      ...keys.filter((k) => k.expiring_soon).map((k) => ({ ...ref(k), kind: 'expires_soon' as const, days: 6 })),
      ...keys.filter((k) => k.status === 'never_checked').map((k) => ({ ...ref(k), kind: 'never_checked' as const })),
    ],
  };
}

/** Field order of each platform's "connect exchange" form, in the platform's words. */
function pasteSteps(k: KeyDetail, platform: string): PasteSequence['steps'] {
  const steps: PasteSequence['steps'] =
    platform === 'bitsgap'
      ? [
          { field: 'api_key', label: 'API Key' },
          { field: 'secret', label: 'Secret Key' },
        ]
      : [
          { field: 'api_key', label: 'API key' },
          { field: 'secret', label: 'API secret' },
        ];
  if (k.has_passphrase) steps.push({ field: 'passphrase', label: 'Passphrase' });
  return steps;
}
let pasting: PasteSequence | null = null;

let settings: Settings = {
  auto_lock_minutes: 10,
  clipboard_clear_seconds: 20,
  language: 'system',
  kdf: { mib: 256, passes: 3, lanes: 2 },
};
let unlocked = startState === 'main';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function pasteCheck(field: PasteResult['field'], value: string): PasteResult {
  const clean = value.trim();
  if (clean.length < 16)
    return {
      ok: false,
      field,
      error: { field, code: 'bad_length', message: `This has ${clean.length} characters; Binance keys have 64.` },
    };
  return { ok: true, field, masked: `${clean.slice(0, 4)}…${clean.slice(-4)}` };
}

mockIPC(
  async (cmd, raw) => {
    const args = (raw ?? {}) as Record<string, unknown>;
    switch (cmd) {
      case 'app_status':
        return {
          version: '0.1.0-dev',
          vault_path: '/home/trader/.local/share/coffre/vault.coffre',
          vault_exists: startState !== 'first_run',
          unlocked,
          demo: false,
          unlock_delay_ms: 0,
        };
      case 'vault_create':
        for (let p = 0; p <= 100; p += 20) {
          await emit('kdf_progress', { percent: p });
          await wait(150);
        }
        unlocked = true;
        return null;
      case 'vault_unlock':
        await wait(600);
        if (args.password !== 'correct horse battery staple')
          throw { code: 'wrong_password', message: 'wrong password' };
        unlocked = true;
        return null;
      case 'vault_lock':
        unlocked = false;
        await emit('locked', {});
        return null;
      case 'demo_start':
        unlocked = true;
        return null;
      case 'activity':
        return null;
      case 'keys_list':
        return keys.map(summary);
      case 'key_get': {
        const k = keys.find((x) => x.id === args.id);
        if (!k) throw { code: 'not_found', message: 'no such key' };
        return k;
      }
      case 'paste_check':
        return pasteCheck(args.field as PasteResult['field'], args.value as string);
      case 'key_add': {
        const n = args.key as KeyForm;
        const id = `k${keys.length + 1}`;
        keys = [
          ...keys,
          detail({ id, label: n.label, exchange: n.exchange, platforms: n.platforms, tags: n.tags, notes: n.notes }),
        ];
        return id;
      }
      case 'key_delete':
        keys = keys.filter((k) => k.id !== args.id);
        return null;
      case 'key_reveal':
        return args.field === 'api_key'
          ? 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A'
          : 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
      case 'key_copy': {
        const field = args.field;
        void (async () => {
          for (let s = settings.clipboard_clear_seconds; s > 0; s--) {
            await emit('clipboard', { field, remaining_s: s });
            await wait(1000);
          }
          await emit('clipboard', { field, remaining_s: 0, cleared: true });
        })();
        return { clear_after_s: settings.clipboard_clear_seconds };
      }
      case 'key_check': {
        await wait(700);
        const k = keys.find((x) => x.id === args.id)!;
        return k.exchange === 'okx' ? failedReport(k.exchange) : okReport(k.exchange);
      }
      case 'keys_check_all':
        void (async () => {
          for (const k of keys) {
            await emit('check_progress', { id: k.id, state: 'running' });
            await wait(500);
            const report = k.exchange === 'okx' ? failedReport(k.exchange) : okReport(k.exchange);
            await emit('check_progress', { id: k.id, state: 'done', report });
          }
          await emit('check_all_done', {});
        })();
        return null;
      case 'settings_get':
        return settings;
      case 'settings_set':
        settings = args.settings as Settings;
        return null;
      case 'catalog_exchanges':
        return exchanges;
      case 'catalog_platforms':
        return [
          { id: 'bitsgap', name: 'Bitsgap' },
          { id: '3commas', name: '3Commas' },
          { id: 'cryptohopper', name: 'Cryptohopper' },
          { id: 'rotki', name: 'rotki' },
        ];
      case 'catalog_guide':
        return {
          exchange: args.exchange,
          platform: args.platform,
          items: [
            { action: 'enable', text: 'Enable Reading' },
            { action: 'enable', text: 'Enable Spot & Margin Trading' },
            { action: 'disable', text: 'Enable Withdrawals' },
            { action: 'info', text: 'Restrict access to trusted IPs only, and paste the platform’s IP list.' },
          ],
        };
      case 'key_verdicts':
        return verdictsOf(keys.find((x) => x.id === args.id)!);
      case 'safety_overview':
        return safetyOverview();
      case 'paste_sequence_start': {
        const k = keys.find((x) => x.id === args.id)!;
        const platform = args.platform as string;
        pasting = {
          id: `seq-${Date.now()}`,
          platform,
          platform_name: platformNames[platform] ?? platform,
          steps: pasteSteps(k, platform),
          current: 0,
          done: false,
          clear_after_s: settings.clipboard_clear_seconds,
        };
        return pasting;
      }
      case 'paste_sequence_next': {
        if (!pasting) throw { code: 'invalid_input', message: 'no paste sequence' };
        pasting =
          pasting.current + 1 >= pasting.steps.length
            ? { ...pasting, done: true }
            : { ...pasting, current: pasting.current + 1 };
        await emit('paste_sequence', pasting);
        return pasting;
      }
      case 'paste_sequence_cancel':
        pasting = null;
        return null;
      case 'platform_ips_set': {
        const k = keys.find((x) => x.id === args.id)!;
        const bad = (args.ips as string[]).find((ip) => !/^[0-9a-f.:]+$/i.test(ip));
        if (bad) throw { code: 'invalid_input', message: `not an IP address: ${bad}` };
        k.platform_ips = { ...(k.platform_ips ?? {}), [args.platform as string]: args.ips as string[] };
        return null;
      }
      case 'platform_ips_copy':
        return { clear_after_s: settings.clipboard_clear_seconds };
      case 'key_export': {
        const names: Record<string, string> = {
          env: '.env',
          ccxt: 'binance-ccxt.json',
          freqtrade: 'freqtrade-exchange.json',
          freqtrade_env: 'freqtrade.env',
        };
        return `/home/trader/bots/${names[args.format as string]}`;
      }
      case 'key_share_export':
        return {
          path: '/home/trader/Binance – Bitsgap grid.coffre-share',
          passphrase: 'otter-violin-cactus-lemon-harbor',
        };
      case 'key_share_import': {
        if (args.passphrase !== 'otter-violin-cactus-lemon-harbor')
          throw { code: 'wrong_password', message: 'wrong passphrase' };
        const id = `k${keys.length + 1}`;
        keys = [...keys, detail({ id, label: 'Shared – Binance grid', exchange: 'binance', platforms: ['bitsgap'] })];
        return id;
      }
      case 'keygen_ed25519':
        return {
          draft_id: 'draft-1',
          public_key_pem:
            '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----',
        };
      case 'key_add_generated': {
        const n = args.key as KeyForm;
        const id = `k${keys.length + 1}`;
        keys = [
          ...keys,
          detail({ id, label: n.label, exchange: n.exchange, platforms: n.platforms, key_type: 'ed25519' }),
        ];
        return id;
      }
      case 'key_replace_credentials': {
        await wait(500);
        const k = keys.find((x) => x.id === args.id)!;
        const outcome: ReplaceOutcome = {
          report: okReport(k.exchange),
          verdicts: verdictsOf({ ...k, status: 'ok' }),
          paste_into: k.platforms.map((id) => ({ id, name: platformNames[id] ?? id })),
        };
        return outcome;
      }
      case 'backup_create':
        return '/home/trader/coffre-backup-2026-11-21.coffre';
      default:
        return null;
    }
  },
  { shouldMockEvents: true },
);

// Start the real app only now that the fake backend is in place.
const { session } = await import('./lib/session.svelte');
await import('./main');
const view = params.get('view');
if (view && startState === 'main') {
  const until = async () => {
    while (session.screen !== 'main') await wait(20);
  };
  await until();
  session.show(view === 'detail' ? { name: 'detail', id: params.get('id') ?? 'k1' } : ({ name: view } as never));
}
for (const step of (params.get('click') ?? '').split(',').filter(Boolean)) {
  const [testid, value] = step.split('=');
  let el: HTMLElement | null = null;
  for (let i = 0; i < 100 && !el; i++) {
    el = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
    if (!el) await wait(30);
  }
  if (el instanceof HTMLSelectElement && value !== undefined) {
    await wait(200); // let the options arrive
    el.value = value;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (el instanceof HTMLInputElement && value !== undefined) {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  } else {
    el?.click();
  }
  await wait(200);
}
