/**
 * Forwarded mails: Gmail's "---------- Forwarded message ---------" block, Outlook's "From: … Sent: …"
 * header block (English and Japanese Outlook: 差出人/送信日時/件名), and "-----Original Message-----".
 * Returns the original sender and subject when a block is found.
 */
export interface ForwardInfo {
  readonly forwarded: boolean;
  readonly originalFrom: string | null;
  readonly originalSubject: string | null;
}

const MARKERS = [
  /-{5,}\s*Forwarded message\s*-{5,}/i,
  /-{3,}\s*Original Message\s*-{3,}/i,
  /-{3,}\s*転送されたメッセージ\s*-{3,}/,
  /-{3,}\s*元のメッセージ\s*-{3,}/,
  /^Begin forwarded message:/im,
];
const FROM_LINE = /^(?:From|差出人|送信者)\s*[:：]\s*(.+)$/im;
const SUBJECT_LINE = /^(?:Subject|件名)\s*[:：]\s*(.+)$/im;
const SENT_LINE = /^(?:Sent|Date|送信日時|日付)\s*[:：]/im;

function addressIn(s: string): string | null {
  const m = /<?([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})>?/.exec(s);
  return m?.[1]?.toLowerCase() ?? null;
}

export function detectForward(subject: string, text: string): ForwardInfo {
  const byMarker = MARKERS.map((m) => m.exec(text)).find((m) => m !== null);
  const bySubject = /^\s*(?:fwd?|fw|転送)\s*[:：]/i.test(subject);
  const start = byMarker ? byMarker.index : -1;
  // An Outlook forward has no marker: a From line followed closely by a Sent/Date line.
  let blockStart = start;
  if (blockStart < 0) {
    const from = FROM_LINE.exec(text);
    if (from) {
      const after = text.slice(from.index, from.index + 400);
      if (SENT_LINE.test(after)) blockStart = from.index;
    }
  }
  if (blockStart < 0) return { forwarded: bySubject, originalFrom: null, originalSubject: null };
  const block = text.slice(blockStart, blockStart + 800);
  const from = FROM_LINE.exec(block)?.[1] ?? null;
  return {
    forwarded: true,
    originalFrom: from ? addressIn(from) : null,
    originalSubject: SUBJECT_LINE.exec(block)?.[1]?.trim() ?? null,
  };
}
