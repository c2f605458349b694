// A lint finding's text in the UI's language, from its code and params.
import type { LintCode } from '../bindings/LintCode';
import type { LintFinding } from '../bindings/LintFinding';
import { m } from '../paraglide/messages';

type Params = Record<string, string | number>;

/** A catalog message given the finding's params: the linter sends each code the params its text names. */
function message(text: (inputs: never) => string): (params: Params) => string {
  return text as (params: Params) => string;
}

const TEXTS: Record<LintCode, (params: Params) => string> = {
  name_required: message(m.template_lint_name_required),
  name_invalid_characters: message(m.template_lint_name_invalid_characters),
  name_too_long: message(m.template_lint_name_too_long),
  body_required: message(m.template_lint_body_required),
  body_too_long: message(m.template_lint_body_too_long),
  body_too_long_with_samples: message(m.template_lint_body_too_long_with_samples),
  header_too_long: message(m.template_lint_header_too_long),
  header_too_many_variables: message(m.template_lint_header_too_many_variables),
  header_emoji: message(m.template_lint_header_emoji),
  header_markdown: message(m.template_lint_header_markdown),
  header_newline: message(m.template_lint_header_newline),
  header_with_media: message(m.template_lint_header_with_media),
  footer_too_long: message(m.template_lint_footer_too_long),
  footer_emoji: message(m.template_lint_footer_emoji),
  footer_newline: message(m.template_lint_footer_newline),
  footer_variable: message(m.template_lint_footer_variable),
  media_required: message(m.template_lint_media_required),
  too_many_media: message(m.template_lint_too_many_media),
  too_many_buttons: message(m.template_lint_too_many_buttons),
  too_many_url_buttons: message(m.template_lint_too_many_url_buttons),
  too_many_phone_buttons: message(m.template_lint_too_many_phone_buttons),
  quick_replies_not_grouped: message(m.template_lint_quick_replies_not_grouped),
  button_text_required: message(m.template_lint_button_text_required),
  button_text_too_long: message(m.template_lint_button_text_too_long),
  button_url_invalid: message(m.template_lint_button_url_invalid),
  url_variable_in_domain: message(m.template_lint_url_variable_in_domain),
  variable_not_numbered: message(m.template_lint_variable_not_numbered),
  variables_not_sequential: message(m.template_lint_variables_not_sequential),
  too_many_variables: message(m.template_lint_too_many_variables),
  variable_at_start: message(m.template_lint_variable_at_start),
  variable_at_end: message(m.template_lint_variable_at_end),
  adjacent_variables: message(m.template_lint_adjacent_variables),
  too_few_words: message(m.template_lint_too_few_words),
  variable_missing_sample: message(m.template_lint_variable_missing_sample),
  unused_sample: message(m.template_lint_unused_sample),
  authentication_not_supported: message(m.template_lint_authentication_not_supported),
  duplicate_body: message(m.template_lint_duplicate_body),
};

/** How variables are written, for the texts that show it. */
export const VARIABLE_EXAMPLES = { first: '{{1}}', second: '{{2}}' };

export function lintText(finding: LintFinding): string {
  return TEXTS[finding.code]({ ...finding.params, ...VARIABLE_EXAMPLES });
}
