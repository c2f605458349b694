// How queues, workstreams and their settings read on screen, in the current language. Each label is
// looked up when it is read, so what shows it follows a switch of language.
import type { DistributionMode } from './bindings/DistributionMode';
import type { Presence } from './bindings/Presence';
import type { SetupStatus } from './bindings/SetupStatus';
import type { SkillMatching } from './bindings/SkillMatching';
import type { VariableKind } from './bindings/VariableKind';
import { locale } from './i18n.svelte';
import { m } from './paraglide/messages';

export function modeLabel(mode: DistributionMode): string {
  return mode === 'push' ? m.workstreams_mode_push() : m.workstreams_mode_pick();
}

export function modeHint(mode: DistributionMode): string {
  return mode === 'push' ? m.workstreams_mode_push_hint() : m.workstreams_mode_pick_hint();
}

/** Where a workstream's "Set up WhatsApp" stands; null when it was never started. */
export function setupStatusLabel(status: SetupStatus | null): string {
  switch (status) {
    case 'active':
      return m.workstreams_setup_active();
    case 'draft':
      return m.workstreams_setup_draft();
    case null:
      return m.workstreams_setup_none();
  }
}

export function presenceLabel(presence: Presence): string {
  switch (presence) {
    case 'available':
      return m.workstreams_presence_available();
    case 'busy':
      return m.workstreams_presence_busy();
    case 'busy_dnd':
      return m.workstreams_presence_busy_dnd();
    case 'away':
      return m.workstreams_presence_away();
    case 'offline':
      return m.workstreams_presence_offline();
  }
}

export function skillMatchingLabel(matching: SkillMatching): string {
  switch (matching) {
    case 'exact':
      return m.workstreams_skill_exact();
    case 'closest':
      return m.workstreams_skill_closest();
    case 'none':
      return m.workstreams_skill_none();
  }
}

export function variableKindLabel(kind: VariableKind): string {
  return kind === 'text' ? m.workstreams_variable_text() : m.workstreams_variable_number();
}

/** "30 minutes", "2 hours", "7 days": the largest unit that divides the duration. */
export function durationLabel(minutes: number): string {
  const [value, unit] =
    minutes % 1440 === 0 && minutes > 0
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0 && minutes > 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A WhatsApp language code (`pt_BR`) named in the UI's language ("Portuguese (Brazil)"). */
export function channelLanguageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'language' }).of(code.replaceAll('_', '-')) ?? code;
    return name.charAt(0).toLocaleUpperCase(locale()) + name.slice(1);
  } catch {
    return code;
  }
}

/** Names as a list in the UI's language: "A, B and C". */
export function namesList(names: readonly string[]): string {
  return new Intl.ListFormat(locale(), { type: 'conjunction' }).format(names);
}
