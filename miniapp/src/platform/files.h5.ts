/** Browser variant: a file input for uploads; downloads fetched with the session and saved by the browser. */
export interface PickedFile {
  name: string;
  data: ArrayBuffer;
}

export function pickFile(extensions: string[]): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-input');
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      file.arrayBuffer().then((data) => resolve({ name: file.name, data }), reject);
    };
    document.body.appendChild(input);
    input.click();
  });
}

export async function saveDownload(url: string, header: Record<string, string>, filename: string): Promise<void> {
  const res = await fetch(url, { headers: header });
  if (!res.ok) throw new Error(`下载失败（${res.status}）`);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
