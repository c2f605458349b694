use channel_desk_core::model::{
    DraftContentInput, LibraryPage, LibrarySearch, NewLanguageInput, NewTemplateInput, StatusEntry,
    TemplateDetailsInput, TemplateDraft, TemplateFamily,
};
use channel_desk_core::template::{self, LintDraft, LintFinding, LintFix};
use channel_desk_core::{Desk, Result};
use tauri::State;

#[tauri::command]
pub async fn search_templates(desk: State<'_, Desk>, search: LibrarySearch) -> Result<LibraryPage> {
    desk.library.search(&search).await
}

#[tauri::command]
pub async fn get_template(desk: State<'_, Desk>, id: String) -> Result<TemplateFamily> {
    desk.library.get(&id).await
}

#[tauri::command]
pub async fn create_template(desk: State<'_, Desk>, input: NewTemplateInput) -> Result<TemplateFamily> {
    desk.library.create(input).await
}

#[tauri::command]
pub async fn save_template_details(
    desk: State<'_, Desk>,
    id: String,
    input: TemplateDetailsInput,
) -> Result<TemplateFamily> {
    desk.library.save_details(&id, input).await
}

#[tauri::command]
pub async fn add_template_language(
    desk: State<'_, Desk>,
    family_id: String,
    input: NewLanguageInput,
) -> Result<TemplateDraft> {
    desk.library.add_language(&family_id, input).await
}

#[tauri::command]
pub async fn save_template_content(
    desk: State<'_, Desk>,
    draft_id: String,
    input: DraftContentInput,
) -> Result<TemplateDraft> {
    desk.library.save_content(&draft_id, input).await
}

#[tauri::command]
pub async fn new_template_revision(desk: State<'_, Desk>, draft_id: String) -> Result<TemplateDraft> {
    desk.library.new_revision(&draft_id).await
}

#[tauri::command]
pub async fn template_history(desk: State<'_, Desk>, draft_id: String) -> Result<Vec<StatusEntry>> {
    desk.library.history(&draft_id).await
}

#[tauri::command]
pub async fn lint_template(
    desk: State<'_, Desk>,
    family_id: Option<String>,
    account_id: Option<String>,
    draft: LintDraft,
) -> Result<Vec<LintFinding>> {
    desk.library.lint(family_id.as_deref(), account_id.as_deref(), &draft).await
}

/// The draft with the fix applied; unchanged when the fix no longer fits it.
#[tauri::command]
pub fn apply_lint_fix(mut draft: LintDraft, fix: LintFix) -> LintDraft {
    template::apply_fix(&mut draft, &fix);
    draft
}
