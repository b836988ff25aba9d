// The stand-in's `/activate` page: a person types the code shown by the add-on and approves or denies.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The form, with the code prefilled from `?device-code=` when the link carried it. */
export function activateFormPage(prefilledCode: string, notice = ''): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Activate a device (stand-in Twitch)</title></head>
<body>
<h1>Activate a device</h1>
<p>This is the local stand-in for twitch.tv/activate. Type the code the add-on shows.</p>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
<form method="post" action="activate">
<label>Code <input name="user_code" value="${escapeHtml(prefilledCode)}" autocomplete="off" required></label><br>
<label>Log in as <input name="login" value="viewer"></label><br>
<button name="decision" value="approve">Authorize</button>
<button name="decision" value="deny">Cancel</button>
</form>
</body></html>
`;
}

/** The page after a decision. */
export function activateResultPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Activate a device (stand-in Twitch)</title></head>
<body><h1>${escapeHtml(message)}</h1><p><a href="activate">Activate another device</a></p></body></html>
`;
}
