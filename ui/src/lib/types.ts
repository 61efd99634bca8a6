// The data shapes exchanged with the Rust shell (docs/ipc.md). The declarations are generated from
// the Rust types by ts-rs into ./generated (tests/ipc/contract.rs fails when they are stale); this
// module re-exports them under the names the components use. JSON from Rust is snake_case;
// argument objects sent to commands are camelCase.

// Named as in Rust.
export type { AppError } from './generated/AppError';
export type { AppStatus } from './generated/AppStatus';
export type { AssetValue } from './generated/AssetValue';
export type { Balance } from './generated/Balance';
export type { CheckOutcome } from './generated/CheckOutcome';
export type { CheckProgress } from './generated/CheckProgress';
export type { CheckRun } from './generated/CheckRun';
export type { CheckReport } from './generated/CheckReport';
export type { CheckState } from './generated/CheckState';
export type { ChecklistItem } from './generated/ChecklistItem';
export type { ClipboardEvent } from './generated/ClipboardEvent';
export type { CopyResult } from './generated/CopyResult';
export type { Diagnosis } from './generated/Diagnosis';
export type { Deadline } from './generated/Deadline';
export type { RegionFound } from './generated/RegionFound';
export type { ExchangeInfo } from './generated/ExchangeInfo';
export type { ExplainView } from './generated/ExplainView';
export type { ExpiringRef } from './generated/ExpiringRef';
export type { ExportFormat } from './generated/ExportFormat';
export type { GeneratedKey } from './generated/GeneratedKey';
export type { Guide } from './generated/Guide';
export type { KdfProgress } from './generated/KdfProgress';
export type { KeyDetail } from './generated/KeyDetail';
export type { KeyEdit } from './generated/KeyEdit';
export type { KeyForm } from './generated/KeyForm';
export type { KeyRef } from './generated/KeyRef';
export type { KeyStatus } from './generated/KeyStatus';
export type { KeySummary } from './generated/KeySummary';
export type { KeyType } from './generated/KeyType';
export type { Known } from './generated/Known';
export type { PasteResult } from './generated/PasteResult';
export type { AutoTypeReport } from './generated/AutoTypeReport';
export type { BotKind } from './generated/BotKind';
export type { PasteSequence } from './generated/PasteSequence';
export type { PasteStep } from './generated/PasteStep';
export type { Permissions } from './generated/Permissions';
export type { PlatformInfo } from './generated/PlatformInfo';
export type { PlatformVerdict } from './generated/PlatformVerdict';
export type { ReminderKind } from './generated/ReminderKind';
export type { ReplaceOutcome } from './generated/ReplaceOutcome';
export type { RevokedKey } from './generated/RevokedKey';
export type { Rollback } from './generated/Rollback';
export type { FormExpired } from './generated/FormExpired';
export type { SealedReveal } from './generated/SealedReveal';
export type { Severity } from './generated/Severity';
export type { SharedExport } from './generated/SharedExport';
export type { SharedRef } from './generated/SharedRef';
export type { StepField } from './generated/StepField';
export type { VerdictBrief } from './generated/VerdictBrief';
export type { VerdictReason } from './generated/VerdictReason';
export type { Valuation } from './generated/Valuation';
export type { HoldingsValue } from './generated/HoldingsValue';
export type { HoldingsSummary } from './generated/HoldingsSummary';
export type { ExchangeHoldings } from './generated/ExchangeHoldings';
export type { QuoteTotal } from './generated/QuoteTotal';

// Named for what the UI does with them (Rust name in the comment).
/** A credential field (`coffre_core::keys::FieldName`). */
export type { FieldName as CredentialKind } from './generated/FieldName';
/** A field the core refused, in `paste_invalid` errors and `PasteResult.error` (`FieldProblem`). */
export type { FieldProblem as FieldError } from './generated/FieldProblem';
/** Argon2id cost `{mib, passes, lanes}` (`KdfView`). */
export type { KdfView as KdfParams } from './generated/KdfView';
/** `system` follows the desktop's locale (`coffre_app_lib::settings::Language`). */
export type { Language as LanguageSetting } from './generated/Language';
/** A banner reminder about one key (`ReminderRef`). */
export type { ReminderRef as Reminder } from './generated/ReminderRef';
/** The vault-wide safety overview (`SafetyView`). */
export type { SafetyView as SafetyOverview } from './generated/SafetyView';
/** Preferences plus the vault's KDF cost, read-only (`SettingsView`). */
export type { SettingsView as Settings } from './generated/SettingsView';
/** A platform verdict (`coffre_catalog::verdict::Status`). */
export type { Status as VerdictStatus } from './generated/Status';

/** Ranges Rust accepts (`AUTO_LOCK_RANGE`, `CLIPBOARD_CLEAR_RANGE` in src-tauri/settings.rs; else `invalid_input`). */
export const AUTO_LOCK_MINUTES = { min: 1, max: 240 } as const;
export const CLIPBOARD_CLEAR_SECONDS = { min: 5, max: 300 } as const;
