/**
 * Names programs give a file while they are still writing it, before renaming it to its own: Office's owner files
 * (`~$…`), hidden temporaries (`.…`: rsync, editors, the `._…` files macOS leaves on SMB shares), and the suffixes of
 * downloads and transfers in progress (browsers' `.part` and `.crdownload`, WinSCP's `.filepart`, `.tmp`).
 */
const PARTIAL_NAME = /^(?:~\$|\.)|\.(?:tmp|temp|part|partial|crdownload|download|filepart)$/i;

export const looksPartial = (name: string): boolean => PARTIAL_NAME.test(name);
