import { Injectable } from '@nestjs/common';
import type {
  ChannelOverrides,
  ChannelPreferencesView,
  DepartmentPreferencesView,
  DepartmentSettings,
} from '#contracts';
import type { SqlExecutor } from '../database/sql.js';
import { Clock } from '../common/clock.js';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import type { AuthUser } from '../identity/auth-user.js';
import { effectiveSettings } from './effective-settings.js';
import { DEFAULT_SETTINGS } from './preference-defaults.js';
import { settingsProblem } from './preference-rules.js';
import { PreferencesRepository } from './preferences.repository.js';

/**
 * Settings per department and per-channel overrides (PF1–PF3, TK1, TK2, TK4): admins change them, every rule
 * reads them through `settingsFor`. The bot's idle setting (PF3) would take precedence on channels a bot
 * handles; there is no bot yet, so there is nothing to resolve (docs/preferences.md).
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly preferences: PreferencesRepository,
    private readonly clock: Clock,
  ) {}

  async department(departmentId: string): Promise<DepartmentPreferencesView> {
    const row = await this.preferences.findDepartment(departmentId);
    if (!row) throw notFound('Department');
    return {
      departmentId: row.department_id,
      departmentName: row.department_name,
      settings: row.settings ? { ...DEFAULT_SETTINGS, ...row.settings } : DEFAULT_SETTINGS,
      saved: row.settings !== null,
      updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
    };
  }

  async channel(channelId: string): Promise<ChannelPreferencesView> {
    const row = await this.preferences.findChannel(channelId);
    if (!row) throw notFound('Channel');
    const overrides = row.overrides ?? {};
    return {
      channelId: row.channel_id,
      channelName: row.channel_name,
      departmentId: row.department_id,
      overrides,
      effective: effectiveSettings(this.withDefaults(row.department_settings), overrides),
      updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
    };
  }

  async saveDepartment(
    user: AuthUser,
    departmentId: string,
    settings: DepartmentSettings,
  ): Promise<DepartmentPreferencesView> {
    const clean = normalize(settings);
    this.check(clean);
    if (!(await this.preferences.findDepartment(departmentId))) throw notFound('Department');
    await this.preferences.transaction(async (tx) => {
      await this.preferences.saveDepartment(tx, departmentId, clean, user.id, this.clock.now());
      await this.preferences.reapplyIdleRule(tx, { departmentId });
    });
    return this.department(departmentId);
  }

  async saveChannel(
    user: AuthUser,
    channelId: string,
    overrides: ChannelOverrides,
  ): Promise<ChannelPreferencesView> {
    const clean = normalize(overrides);
    this.check(clean);
    if (!(await this.preferences.findChannel(channelId))) throw notFound('Channel');
    await this.preferences.transaction(async (tx) => {
      await this.preferences.saveChannel(tx, channelId, clean, user.id, this.clock.now());
      await this.preferences.reapplyIdleRule(tx, { channelId });
    });
    return this.channel(channelId);
  }

  /** The rules for a chat of this department on this channel; `tx`: read inside the caller's transaction. */
  async settingsFor(
    departmentId: string | null,
    channelId: string,
    tx: SqlExecutor | null = null,
  ): Promise<DepartmentSettings> {
    const sources = await this.preferences.ruleSources(tx, departmentId, channelId);
    return effectiveSettings(this.withDefaults(sources.department_settings), sources.channel_overrides);
  }

  /** Settings saved before a field existed get that field's default. */
  private withDefaults(settings: DepartmentSettings | null): DepartmentSettings | null {
    return settings ? { ...DEFAULT_SETTINGS, ...settings } : null;
  }

  private check(settings: ChannelOverrides & { businessHours?: DepartmentSettings['businessHours'] }): void {
    const problem = settingsProblem(settings);
    if (problem) throw new DomainError(ErrorCode.ValidationFailed, problem);
  }
}

/** Plain JSON (the DTO instances carry class prototypes), texts trimmed, ticket timer minutes only with `after`. */
function normalize<T extends ChannelOverrides>(settings: T): T {
  const plain = JSON.parse(JSON.stringify(settings)) as T;
  if (plain.leaveMessage) plain.leaveMessage.reply = plain.leaveMessage.reply.trim();
  if (plain.idleClose?.closingMessage) plain.idleClose.closingMessage = plain.idleClose.closingMessage.trim();
  return plain;
}
