// The one module that talks to the Rust shell: a typed function per command and event of
// docs/ipc.md. Components call these and never spell a command or event name themselves.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { revealKey } from './sealed-reveal';
import type {
  AppError,
  AppStatus,
  CheckProgress,
  CheckRun,
  CheckReport,
  ClipboardEvent,
  CopyResult,
  CredentialKind,
  ExchangeInfo,
  ExplainView,
  FieldError,
  Guide,
  HoldingsSummary,
  KdfParams,
  KdfProgress,
  KeyDetail,
  KeyEdit,
  KeyForm,
  KeySummary,
  ExportFormat,
  FormExpired,
  GeneratedKey,
  PasteResult,
  PasteSequence,
  AutoTypeReport,
  BotKind,
  PlatformInfo,
  PlatformVerdict,
  ReplaceOutcome,
  SafetyOverview,
  SealedReveal,
  Settings,
  SharedExport,
} from './types';

export type { UnlistenFn };

// --- app and vault ---
export const appStatus = () => invoke<AppStatus>('app_status');
export const vaultCreate = (password: string, kdf?: KdfParams) =>
  invoke<void>('vault_create', kdf ? { password, kdf } : { password });
export const vaultUnlock = (password: string) => invoke<void>('vault_unlock', { password });
/** Makes a pending `vaultUnlock` reject with `unlock_cancelled` at once; the vault stays locked. */
export const vaultUnlockCancel = () => invoke<void>('vault_unlock_cancel');
/** The user restored the vault file on purpose: `AppStatus.rollback` goes away. */
export const rollbackAccept = () => invoke<AppStatus>('rollback_accept');
export const vaultLock = () => invoke<void>('vault_lock');
export const vaultPickFile = () => invoke<AppStatus>('vault_pick_file');
export const demoStart = () => invoke<void>('demo_start');
export const reportActivity = () => invoke<void>('activity');

// --- keys ---
export const keysList = () => invoke<KeySummary[]>('keys_list');
/** The inventory's totals per exchange and quote, added up by Rust. */
export const keysHoldings = () => invoke<HoldingsSummary>('keys_holdings');
export const keyGet = (id: string) => invoke<KeyDetail>('key_get', { id });
export const keyAdd = (key: KeyForm, form: string) => invoke<string>('key_add', { key, form });
export const keyUpdate = (edit: KeyEdit) => invoke<void>('key_update', { edit });
export const keyReplaceCredentials = (id: string, form: string) =>
  invoke<ReplaceOutcome>('key_replace_credentials', { id, form });
export const keyDelete = (id: string) => invoke<void>('key_delete', { id });
/** One credential in clear: asked with a one-time key, opened here (lib/sealed-reveal.ts). */
export async function keyReveal(id: string, field: CredentialKind): Promise<string> {
  const key = await revealKey();
  const sealed = await invoke<SealedReveal>('key_reveal', { id, field, publicKey: key.publicKey });
  return key.open(sealed);
}
export const keyCopy = (id: string, field: CredentialKind) => invoke<CopyResult>('key_copy', { id, field });
export const keyCheck = (id: string) => invoke<CheckReport>('key_check', { id });
/** Keeps the regional host the key's last check found (OKX EEA, WhiteBIT EU…) as its host. */
export const keySaveFoundHost = (id: string) => invoke<string>('key_save_found_host', { id });
export const keysCheckAll = () => invoke<void>('keys_check_all');
/** The session's current or last Check all (it runs in Rust, whichever page is open). */
export const keysCheckAllStatus = () => invoke<CheckRun>('keys_check_all_status');

// --- platforms: verdicts, paste sequence, exports, Ed25519 ---
export const keyVerdicts = (id: string, lang: string) => invoke<PlatformVerdict[]>('key_verdicts', { id, lang });
export const safetyOverview = (lang: string) => invoke<SafetyOverview>('safety_overview', { lang });
export const pasteSequenceStart = (id: string, platform: string) =>
  invoke<PasteSequence>('paste_sequence_start', { id, platform });
export const pasteSequenceNext = () => invoke<PasteSequence>('paste_sequence_next');
/** Puts the current step on the clipboard (again); its clearing countdown starts now. */
export const pasteSequenceCopy = () => invoke<PasteSequence>('paste_sequence_copy');
/** The `coffre run` command line for a key and its bot (no secret in it), and its copy. */
export const botCommandLine = (id: string, bot: BotKind) => invoke<string>('bot_command_line', { id, bot });
export const botCommandCopy = (id: string, bot: BotKind) => invoke<CopyResult>('bot_command_copy', { id, bot });
/** Types the key's fields into the platform's window after `delaySeconds` (never the clipboard). */
export const autoTypeKey = (id: string, platform: string, delaySeconds: number) =>
  invoke<AutoTypeReport>('auto_type_key', { id, platform, delayS: delaySeconds });
export const pasteSequenceCancel = () => invoke<void>('paste_sequence_cancel');
export const platformIpsSet = (id: string, platform: string, ips: string[]) =>
  invoke<void>('platform_ips_set', { id, platform, ips });
export const platformIpsCopy = (id: string, platform: string) =>
  invoke<CopyResult>('platform_ips_copy', { id, platform });
export const keyExport = (id: string, format: ExportFormat) => invoke<string | null>('key_export', { id, format });
export const keyShareExport = (id: string) => invoke<SharedExport | null>('key_share_export', { id });
export const keyShareImport = (passphrase: string) => invoke<string>('key_share_import', { passphrase });
export const keygenEd25519 = () => invoke<GeneratedKey>('keygen_ed25519');
export const keyAddGenerated = (key: KeyForm, form: string, draftId: string) =>
  invoke<string>('key_add_generated', { key, form, draftId });

// --- credential fields: Rust reads the clipboard and keeps the value; the webview sees a verdict ---
export const formOpen = () => invoke<string>('form_open');
export const formPaste = (form: string, exchange: string, field: CredentialKind) =>
  invoke<PasteResult>('form_paste', { form, exchange, field });
export const formTypePassphrase = (form: string, exchange: string, value: string) =>
  invoke<PasteResult>('form_type_passphrase', { form, exchange, value });
/** Answers what the other fields now show together (`PasteResult.form_problems`). */
export const formClearField = (form: string, exchange: string, field: CredentialKind) =>
  invoke<FieldError[]>('form_clear_field', { form, exchange, field });
export const formRecheck = (form: string, exchange: string, field: CredentialKind) =>
  invoke<PasteResult | null>('form_recheck', { form, exchange, field });
export const formDiscard = (form: string) => invoke<void>('form_discard', { form });

// --- settings, password, backup ---
export const settingsGet = () => invoke<Settings>('settings_get');
export const settingsSet = (settings: Settings) => invoke<void>('settings_set', { settings });
export const passwordChange = (current: string, next: string) => invoke<void>('password_change', { current, next });
export const backupCreate = () => invoke<string | null>('backup_create');
export const backupRestorePick = () => invoke<string | null>('backup_restore_pick');
export const backupRestore = (password: string) => invoke<void>('backup_restore', { password });

// --- catalog ---
export const catalogExchanges = () => invoke<ExchangeInfo[]>('catalog_exchanges');
export const catalogPlatforms = (lang?: string) =>
  invoke<PlatformInfo[]>('catalog_platforms', lang === undefined ? {} : { lang });
export const catalogGuide = (exchange: string, lang: string, platform?: string) =>
  invoke<Guide>('catalog_guide', platform === undefined ? { exchange, lang } : { exchange, platform, lang });

// --- error doctor: the pasted line is not a secret and never leaves this computer ---
export const errorExplain = (text: string, lang: string) => invoke<ExplainView>('error_explain', { text, lang });

// --- events ---
export const onClipboard = (cb: (e: ClipboardEvent) => void) =>
  listen<ClipboardEvent>('clipboard', (e) => cb(e.payload));
export const onCheckProgress = (cb: (e: CheckProgress) => void) =>
  listen<CheckProgress>('check_progress', (e) => cb(e.payload));
export const onCheckAllDone = (cb: () => void) => listen<unknown>('check_all_done', () => cb());
export const onLocked = (cb: () => void) => listen<unknown>('locked', () => cb());
export const onPasteSequence = (cb: (e: PasteSequence) => void) =>
  listen<PasteSequence>('paste_sequence', (e) => cb(e.payload));
export const onFormExpired = (cb: (form: string) => void) =>
  listen<FormExpired>('form_expired', (e) => cb(e.payload.form));
export const onKdfProgress = (cb: (e: KdfProgress) => void) =>
  listen<KdfProgress>('kdf_progress', (e) => cb(e.payload));

/**
 * Turns a pending `listen` into a synchronous cleanup for `onMount`/`$effect`: the listener is
 * removed at once if it is already registered, or as soon as registration completes.
 */
export function stopOnCleanup(pending: Promise<UnlistenFn>): () => void {
  let off: UnlistenFn | null = null;
  let stopped = false;
  void pending.then((f) => {
    if (stopped) f();
    else off = f;
  });
  return () => {
    stopped = true;
    off?.();
  };
}

// --- errors ---

/** Turns whatever a command rejected with into an `AppError`; Tauri passes Rust's `{code, message}` as is. */
export function asAppError(err: unknown): AppError {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const { code, message, details } = err as { code: unknown; message?: unknown; details?: unknown };
    if (typeof code === 'string') {
      const e: AppError = { code, message: typeof message === 'string' ? message : '' };
      if (Array.isArray(details)) e.details = details as FieldError[];
      return e;
    }
  }
  if (typeof err === 'string') return { code: 'internal', message: err };
  if (err instanceof Error) return { code: 'internal', message: err.message };
  return { code: 'internal', message: '' };
}

/** Translator shape of svelte-i18n's `$_`, so this module stays testable without a component. */
export type Translate = (id: string, options?: { default?: string }) => string;

/** Per-field sentences of a `paste_invalid` error, by field, translated by the core's paste code. */
export function fieldErrors(err: unknown, t: Translate): Partial<Record<FieldError['field'], string>> {
  const out: Partial<Record<FieldError['field'], string>> = {};
  for (const d of asAppError(err).details ?? []) out[d.field] = errorText(d, t);
  return out;
}

/**
 * The sentence to show for an error: `errors.<code>` in the user's language, else Rust's message
 * (English, never secret), else the generic sentence.
 */
export function errorText(err: unknown, t: Translate): string {
  const e = asAppError(err);
  const fallback = e.message || t('errors.internal');
  return t(`errors.${e.code}`, { default: fallback });
}
