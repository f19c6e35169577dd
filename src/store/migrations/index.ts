import { initial } from "./001-initial.ts";
import { notices } from "./002-notices.ts";
import { userPrefs } from "./003-user-prefs.ts";
import { conversations } from "./004-conversations.ts";
import { scanHistoryIndex } from "./005-scan-history-index.ts";
import { jobRuns } from "./006-job-runs.ts";
import { approvals } from "./007-approvals.ts";
import { snoozes } from "./008-snoozes.ts";
import { leases } from "./009-leases.ts";
import { approvalLeases } from "./010-approval-leases.ts";
import { listCursors } from "./011-list-cursors.ts";
import { postsByKey } from "./012-posts-by-key.ts";
import { findingDigests } from "./013-finding-digests.ts";
import { findingDigestGuard } from "./014-finding-digest-guard.ts";
import { tokenRevocation } from "./015-token-revocation.ts";
import { postCoverage } from "./016-post-coverage.ts";
import type { Migration } from "./migration.ts";

/** In order; a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [initial, notices, userPrefs, conversations, scanHistoryIndex, jobRuns, approvals, snoozes, leases, approvalLeases, listCursors, postsByKey, findingDigests, findingDigestGuard, tokenRevocation, postCoverage];
