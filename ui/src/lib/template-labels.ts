// The words for a template's category, content type and status, from the catalogs.
import type { StatusFilter } from './bindings/StatusFilter';
import type { TemplateCategory } from './bindings/TemplateCategory';
import type { ContentType } from './library.svelte';
import { m } from './paraglide/messages';

export function categoryLabel(category: TemplateCategory): string {
  switch (category) {
    case 'utility':
      return m.library_category_utility();
    case 'marketing':
      return m.library_category_marketing();
    case 'authentication':
      return m.library_category_authentication();
  }
}

export function contentTypeLabel(type: ContentType): string {
  switch (type) {
    case 'twilio/text':
      return m.library_type_text();
    case 'twilio/media':
      return m.library_type_media();
    case 'twilio/quick-reply':
      return m.library_type_quick_reply();
    case 'twilio/call-to-action':
      return m.library_type_call_to_action();
    case 'twilio/card':
      return m.library_type_card();
    case 'whatsapp/card':
      return m.library_type_whatsapp_card();
  }
}

export function statusFilterLabel(status: StatusFilter): string {
  switch (status) {
    case 'draft':
      return m.library_status_draft();
    case 'unsubmitted':
      return m.library_status_unsubmitted();
    case 'pending':
      return m.library_status_pending();
    case 'approved':
      return m.library_status_approved();
    case 'rejected':
      return m.library_status_rejected();
    case 'paused':
      return m.library_status_paused();
    case 'disabled':
      return m.library_status_disabled();
  }
}

/** What a language's draft shows as its status: its own while a draft, else Twilio's approval, as a filter names it. */
export function draftStatus(status: 'draft' | 'published', approval: string | null): StatusFilter | 'other' {
  if (status === 'draft') return 'draft';
  const a = (approval ?? 'unsubmitted').toLowerCase();
  if (a === 'received') return 'pending';
  return (['unsubmitted', 'pending', 'approved', 'rejected', 'paused', 'disabled'] as const).find((s) => s === a) ?? 'other';
}

/** A status for the chip: the known ones in the UI's language; one Twilio added since, as Twilio wrote it. */
export function draftStatusLabel(status: 'draft' | 'published', approval: string | null): string {
  const known = draftStatus(status, approval);
  return known === 'other' ? (approval ?? '') : statusFilterLabel(known);
}
