/**
 * Canned replies (CV4): a department's, managed by its supervisors and admins and usable in its
 * conversations, or an agent's own. The body may hold placeholders, filled in when the agent picks it.
 */
export type CannedReplyScope = 'department' | 'personal';

export interface CannedReplyView {
  id: string;
  scope: CannedReplyScope;
  /** The department's id and name for a department reply. */
  departmentId: string | null;
  departmentName: string | null;
  title: string;
  body: string;
  /** Whether this user may change or delete it. */
  canEdit: boolean;
  updatedAt: string;
}

/** GET /api/canned-replies?conversationId=… — what the agent may use there, with the placeholders filled. */
export interface CannedReplyChoice extends CannedReplyView {
  text: string;
}

export interface CreateCannedReplyRequest {
  scope: CannedReplyScope;
  /** Required for `department`. */
  departmentId?: string;
  title: string;
  body: string;
}

export interface UpdateCannedReplyRequest {
  title?: string;
  body?: string;
}
