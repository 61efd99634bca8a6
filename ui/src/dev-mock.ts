// Dev only (served by `vite` through mock.html, never part of `vite build`): a fake Rust shell in
// the page so the UI can be looked at in a plain browser. URL parameters pick the starting point:
// ?state=first_run|unlock|main  &view=list|add|detail|check_all|settings  &lang=en|fr|vi  &empty=1
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { CheckReport, ExchangeInfo, KeyDetail, KeySummary, NewKey, PasteResult, Settings } from './lib/types';

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

const summary = (k: KeyDetail): KeySummary => {
  const { notes: _n, key_type: _t, has_passphrase: _p, base_url: _b, last_check: _l, history: _h, ...rest } = k;
  return rest;
};

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
        const n = args.key as NewKey;
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
