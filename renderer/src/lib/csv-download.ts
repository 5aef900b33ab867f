/** Saves a CSV through the api, downloading it in the page when the host asks for that. */
import type { Api } from '../../../shared/ipc';

/** Outcome of an export, in words for the log. */
export async function exportCsv(api: Api, fileName: string, content: string): Promise<string> {
  const result = await api.saveCsv({ fileName, content });
  if (!result.ok) return `Export failed: ${result.error.message}`;
  switch (result.value.status) {
    case 'saved':
      return `Saved ${result.value.path}`;
    case 'canceled':
      return 'Export canceled';
    case 'download':
      downloadBlob(fileName, content);
      return `Downloaded ${fileName}`;
  }
}

/** Downloads text as a file from the page. */
function downloadBlob(fileName: string, content: string): void {
  const blob = new Blob([content], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
