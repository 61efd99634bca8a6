// What the signed-in window knows: which screen is up, the key inventory and the settings.
// Everything here is dropped on lock; no secret is ever stored here.
import { tick } from 'svelte';
import * as api from './api';
import { applyLanguage, resolveLanguage } from '../i18n';
import type { AppStatus, CheckReport, KeySummary, Settings } from './types';

export type ExchangeBadgeLook = { color: string; initials: string };

export type Screen = 'loading' | 'first_run' | 'unlock' | 'main';
export type View =
  | { name: 'list' }
  | { name: 'add' }
  | { name: 'detail'; id: string }
  | { name: 'check_all' }
  | { name: 'safety' }
  | { name: 'settings' };

const UNREACHABLE = new Set(['network_error', 'exchange_unavailable', 'rate_limited']);

/** "Couldn't check" is neither works nor failed (views.rs `KeyStatus::of`). */
function checkStatus(report: CheckReport): KeySummary['status'] {
  if (report.diagnosis && UNREACHABLE.has(report.diagnosis.kind)) return 'unreachable';
  return report.ok ? 'ok' : 'failed';
}

class Session {
  screen = $state<Screen>('loading');
  status = $state<AppStatus | null>(null);
  /** Replaced whole, never mutated: a raw array spares a reactive proxy per key (1,000s of them). */
  keys = $state.raw<KeySummary[]>([]);
  settings = $state<Settings | null>(null);
  /** Platform display names by id, in the user's language (ids are what keys store). */
  platformNames = $state<Record<string, string>>({});
  /** Each exchange's badge (colour and letters), from the catalog. */
  exchangeBadges = $state<Record<string, ExchangeBadgeLook>>({});
  view = $state<View>({ name: 'list' });
  /** Set when startup itself failed (no backend, broken vault path…). */
  startupError = $state<unknown>(null);

  async start(): Promise<void> {
    try {
      // The language the user chose is app-wide, not the vault's: first run and unlock speak it too.
      const [status] = await Promise.all([api.appStatus(), this.applySavedLanguage()]);
      this.status = status;
      if (status.unlocked) await this.enter();
      else this.screen = status.vault_exists ? 'unlock' : 'first_run';
    } catch (err) {
      this.startupError = err;
      this.screen = 'first_run';
    }
  }

  /** Best effort: without the settings the system's language stands. */
  async applySavedLanguage(): Promise<void> {
    try {
      applyLanguage((await api.settingsGet()).language);
    } catch {
      // Settings unreadable (first start, no backend): keep the system's language.
    }
  }

  /** Called once the vault is open (created, unlocked or demo). */
  async enter(): Promise<void> {
    const [status, keys, settings] = await Promise.all([api.appStatus(), api.keysList(), api.settingsGet()]);
    // User Timing marks: the app benchmark reads where unlock-to-inventory time goes.
    performance.mark('coffre:keys-listed');
    this.status = status;
    this.keys = keys;
    this.settings = settings;
    applyLanguage(settings.language);
    this.view = { name: 'list' };
    this.screen = 'main';
    void tick().then(() => performance.mark('coffre:main-dom'));
    void this.loadPlatformNames(resolveLanguage(settings.language));
    void this.loadExchangeBadges();
  }

  /** Best effort: without them every badge shows its name's letters on grey. */
  async loadExchangeBadges(): Promise<void> {
    try {
      const exchanges = await api.catalogExchanges();
      this.exchangeBadges = Object.fromEntries(
        exchanges.map((e) => [e.id, { color: e.badge_color, initials: e.badge_initials }]),
      );
    } catch {
      this.exchangeBadges = {};
    }
  }

  /** Best effort: without names the ids are shown, which are readable too. */
  async loadPlatformNames(lang: string): Promise<void> {
    try {
      const platforms = await api.catalogPlatforms(lang);
      this.platformNames = Object.fromEntries(platforms.map((p) => [p.id, p.name]));
    } catch {
      this.platformNames = {};
    }
  }

  platformName(id: string): string {
    return this.platformNames[id] ?? id;
  }

  async reloadKeys(): Promise<void> {
    this.keys = await api.keysList();
  }

  /** Reflects one finished check in the inventory without reloading everything. */
  applyCheck(id: string, report: CheckReport): void {
    this.keys = this.keys.map((k) =>
      k.id !== id
        ? k
        : checkStatus(report) === 'unreachable'
          ? { ...k, status: 'unreachable' }
          : { ...k, status: checkStatus(report), last_checked_at: report.checked_at },
    );
  }

  /** A key's new inventory row from Rust (a Check all result), wherever the user is. */
  applySummary(summary: KeySummary): void {
    this.keys = this.keys.map((k) => (k.id === summary.id ? summary : k));
  }

  show(view: View): void {
    this.view = view;
  }

  /** The vault was locked (by the user, the timer or Rust): forget everything it revealed. */
  drop(): void {
    this.keys = [];
    this.settings = null;
    this.view = { name: 'list' };
    this.screen = this.status?.vault_exists === false ? 'first_run' : 'unlock';
    if (this.status) this.status = { ...this.status, unlocked: false };
    // The vault file may have changed (demo closed, another file picked): ask Rust which screen fits.
    api
      .appStatus()
      .then((status) => {
        this.status = status;
        if (this.screen !== 'main') this.screen = status.vault_exists ? 'unlock' : 'first_run';
      })
      .catch(() => {});
  }
}

export const session = new Session();
