// The data shapes exchanged with the Rust shell, exactly as docs/ipc.md defines them.
// JSON from Rust is snake_case; argument objects sent to commands are camelCase.

/** A field the core refused, as carried by `paste_invalid` errors and `PasteResult.error`. */
export interface FieldError {
  field: CredentialKind;
  code: string;
  message: string;
}

export interface AppError {
  code: string;
  message: string;
  /** Only on `paste_invalid`: one entry per refused field. */
  details?: FieldError[];
}

export type Known = 'yes' | 'no' | 'not_reported';

export interface Permissions {
  read: Known;
  spot_trade: Known;
  margin: Known;
  futures: Known;
  withdraw: Known;
  internal_transfer: Known;
  ip_restricted: Known;
  allowed_ips?: string[];
  created_at?: string;
  expires_at?: string;
}

/** Decimals travel as strings so no precision is lost. */
export interface Balance {
  asset: string;
  free: string;
  locked: string;
}

export interface Diagnosis {
  kind: string;
  offset_ms?: number;
  retry_after_s?: number;
  exchange_code?: string;
  exchange_message?: string;
  message: string;
}

export interface CheckReport {
  exchange: string;
  checked_at: string;
  ok: boolean;
  balances: Balance[];
  permissions: Permissions;
  diagnosis?: Diagnosis;
  clock_offset_ms?: number;
}

export type KeyStatus = 'ok' | 'failed' | 'never_checked';

export interface KeySummary {
  id: string;
  label: string;
  exchange: string;
  exchange_name: string;
  account?: string;
  platforms: string[];
  tags: string[];
  /** Searchable in the inventory. */
  notes: string;
  api_key_hint: string;
  created_at: string;
  updated_at: string;
  expires_at?: string;
  last_checked_at?: string;
  status: KeyStatus;
  expiring_soon: boolean;
  /** Worst verdict over the key's platforms; absent when the key has no platform. */
  verdict?: VerdictStatus;
  /** One per platform the key is assigned to (older backends may leave it out). */
  verdicts?: { platform: string; status: VerdictStatus }[];
}

export type KeyType = 'hmac' | 'ed25519' | 'rsa' | 'ecdsa';

export interface RevokedKey {
  api_key_hint: string;
  revoked_at: string;
}

export interface KeyDetail extends KeySummary {
  key_type: KeyType;
  has_passphrase: boolean;
  base_url?: string;
  last_check?: CheckReport;
  history: RevokedKey[];
  /** IP lists stored by `platform_ips_set`, by platform id (absent: none stored). */
  platform_ips?: Record<string, string[]>;
}

export interface AppStatus {
  version: string;
  vault_path: string;
  vault_exists: boolean;
  unlocked: boolean;
  demo: boolean;
  unlock_delay_ms: number;
}

export interface KdfParams {
  mib: number;
  passes: number;
  lanes: number;
}

export type LanguageSetting = 'system' | 'en' | 'fr' | 'vi';

/** Ranges Rust accepts (else `invalid_input`). */
export const AUTO_LOCK_MINUTES = { min: 1, max: 240 } as const;
export const CLIPBOARD_CLEAR_SECONDS = { min: 5, max: 300 } as const;

export interface Settings {
  auto_lock_minutes: number;
  clipboard_clear_seconds: number;
  language: LanguageSetting;
  /** The vault file's KDF cost, read-only; absent when there is no vault. Ignored by `settings_set`. */
  kdf?: KdfParams;
  /** How long the KDF took at this unlock, in ms (read-only). */
  kdf_last_ms?: number;
}

export interface ExchangeInfo {
  id: string;
  name: string;
  needs_passphrase: boolean;
  reports_permissions: boolean;
  key_types: string[];
  api_key_hint: string;
  secret_hint: string;
}

export interface ChecklistItem {
  action: 'enable' | 'disable' | 'info';
  text: string;
}

export interface Guide {
  exchange: string;
  platform?: string;
  items: ChecklistItem[];
}

export interface PlatformInfo {
  id: string;
  name: string;
}

export type CredentialKind = 'api_key' | 'secret' | 'passphrase';

export interface PasteResult {
  ok: boolean;
  field: CredentialKind;
  masked?: string;
  detected_exchange?: string;
  error?: FieldError;
}

/** What the add form says about a new key; its credentials travel as separate arguments. */
export interface KeyForm {
  exchange: string;
  exchangeName?: string;
  label: string;
  account?: string;
  platforms: string[];
  notes: string;
  tags: string[];
}

/** Pasted credentials of a new key. */
export interface PastedCredentials {
  apiKey: string;
  secret: string;
  passphrase?: string;
}

export interface KeyEdit {
  id: string;
  label: string;
  account?: string;
  platforms: string[];
  notes: string;
  tags: string[];
  expiresAt?: string;
}

export interface CopyResult {
  clear_after_s: number;
}

export interface ClipboardEvent {
  field: CredentialKind;
  remaining_s: number;
  cleared?: boolean;
}

export interface CheckProgress {
  id: string;
  state: 'running' | 'done';
  report?: CheckReport;
}

export interface KdfProgress {
  percent: number;
}

// --- platforms: verdicts, paste sequence, exports, rotation, Ed25519 ---

export type VerdictStatus = 'ready' | 'rejected' | 'risky' | 'unknown';

export interface VerdictReason {
  code: string;
  severity: 'info' | 'warning' | 'blocker';
  /** Already in the requested language (rendered by Rust). */
  message: string;
}

export interface PlatformVerdict {
  platform: string;
  platform_name: string;
  status: VerdictStatus;
  reasons: VerdictReason[];
}

export interface KeyRef {
  id: string;
  label: string;
  exchange: string;
}

export type ReminderKind = 'expires_soon' | 'expired' | 'never_checked' | 'stale';

export interface Reminder extends KeyRef {
  kind: ReminderKind;
  days?: number;
}

export interface SafetyOverview {
  can_withdraw: KeyRef[];
  no_ip_restriction: KeyRef[];
  expiring_soon: (KeyRef & { days: number })[];
  shared: (KeyRef & { platforms: string[] })[];
  reminders: Reminder[];
}

export interface PasteStep {
  field: 'api_key' | 'secret' | 'passphrase' | 'ip_list';
  /** The field's name in the platform's own words. */
  label: string;
}

export interface PasteSequence {
  id: string;
  platform: string;
  platform_name: string;
  steps: PasteStep[];
  current: number;
  done: boolean;
  clear_after_s: number;
}

export interface ReplaceOutcome {
  report?: CheckReport;
  verdicts: PlatformVerdict[];
  paste_into: PlatformInfo[];
}

export type ExportFormat = 'env' | 'ccxt' | 'freqtrade' | 'freqtrade_env';

export interface SharedExport {
  path: string;
  passphrase: string;
}

export interface GeneratedKey {
  draft_id: string;
  public_key_pem: string;
}
