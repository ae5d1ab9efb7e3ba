/**
 * LibreOffice's PDF export for each application, with its options as JSON (LibreOffice 7.4 on):
 * tagged (the text stays selectable and is read in order), with the document's headings as
 * bookmarks, no comments or notes pages, form fields drawn as they look rather than left fillable.
 */
const common = {
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  ExportBookmarks: { type: 'boolean', value: 'true' },
  ExportNotes: { type: 'boolean', value: 'false' },
  ExportNotesPages: { type: 'boolean', value: 'false' },
  ExportFormFields: { type: 'boolean', value: 'false' },
  EmbedStandardFonts: { type: 'boolean', value: 'true' },
};

export function exportFilter(application: 'writer' | 'calc' | 'impress'): string {
  return `pdf:${application}_pdf_Export:${JSON.stringify(common)}`;
}
