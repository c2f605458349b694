// A lint finding's text in the UI's language, from its code and params.
import type { LintCode } from '../bindings/LintCode';
import type { LintFinding } from '../bindings/LintFinding';
import { m } from '../paraglide/messages';

type Params = Record<string, string | number>;

const TEXTS: Record<LintCode, (params: Params) => string> = {
  name_required: (p) => m.template_lint_name_required(p as never),
  name_invalid_characters: (p) => m.template_lint_name_invalid_characters(p as never),
  name_too_long: (p) => m.template_lint_name_too_long(p as never),
  body_required: (p) => m.template_lint_body_required(p as never),
  body_too_long: (p) => m.template_lint_body_too_long(p as never),
  body_too_long_with_samples: (p) => m.template_lint_body_too_long_with_samples(p as never),
  header_too_long: (p) => m.template_lint_header_too_long(p as never),
  header_too_many_variables: (p) => m.template_lint_header_too_many_variables(p as never),
  header_emoji: (p) => m.template_lint_header_emoji(p as never),
  header_markdown: (p) => m.template_lint_header_markdown(p as never),
  header_newline: (p) => m.template_lint_header_newline(p as never),
  header_with_media: (p) => m.template_lint_header_with_media(p as never),
  footer_too_long: (p) => m.template_lint_footer_too_long(p as never),
  footer_emoji: (p) => m.template_lint_footer_emoji(p as never),
  footer_newline: (p) => m.template_lint_footer_newline(p as never),
  footer_variable: (p) => m.template_lint_footer_variable(p as never),
  media_required: (p) => m.template_lint_media_required(p as never),
  too_many_media: (p) => m.template_lint_too_many_media(p as never),
  too_many_buttons: (p) => m.template_lint_too_many_buttons(p as never),
  too_many_url_buttons: (p) => m.template_lint_too_many_url_buttons(p as never),
  too_many_phone_buttons: (p) => m.template_lint_too_many_phone_buttons(p as never),
  quick_replies_not_grouped: (p) => m.template_lint_quick_replies_not_grouped(p as never),
  button_text_required: (p) => m.template_lint_button_text_required(p as never),
  button_text_too_long: (p) => m.template_lint_button_text_too_long(p as never),
  button_url_invalid: (p) => m.template_lint_button_url_invalid(p as never),
  url_variable_in_domain: (p) => m.template_lint_url_variable_in_domain(p as never),
  variable_not_numbered: (p) => m.template_lint_variable_not_numbered(p as never),
  variables_not_sequential: (p) => m.template_lint_variables_not_sequential(p as never),
  too_many_variables: (p) => m.template_lint_too_many_variables(p as never),
  variable_at_start: (p) => m.template_lint_variable_at_start(p as never),
  variable_at_end: (p) => m.template_lint_variable_at_end(p as never),
  adjacent_variables: (p) => m.template_lint_adjacent_variables(p as never),
  too_few_words: (p) => m.template_lint_too_few_words(p as never),
  variable_missing_sample: (p) => m.template_lint_variable_missing_sample(p as never),
  unused_sample: (p) => m.template_lint_unused_sample(p as never),
  authentication_not_supported: (p) => m.template_lint_authentication_not_supported(p as never),
  duplicate_body: (p) => m.template_lint_duplicate_body(p as never),
};

/** How variables are written, for the texts that show it. */
export const VARIABLE_EXAMPLES = { first: '{{1}}', second: '{{2}}' };

export function lintText(finding: LintFinding): string {
  return TEXTS[finding.code]({ ...finding.params, ...VARIABLE_EXAMPLES });
}
