/**
 * Saves content as a file through the browser's download (an anchor with
 * `download`): the export and attachments need the user's token, so a
 * plain link to the API would not do.
 */
export function saveFile(content: Blob, filename: string): void {
  const url = URL.createObjectURL(content);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoked after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Base64 of a file's bytes, as the attachments API takes them (through a
 * data URL: FileReader is everywhere a File is).
 */
export function base64Of(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}
