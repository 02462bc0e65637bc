import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { IdentityRepository } from './identity.repository.js';
import { hashPassword } from './password-hasher.js';

/** The first admin: from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated password printed once. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly identity: IdentityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.identity.countAdmins()) > 0) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(password);
    try {
      await this.identity.transaction(async (manager) => {
        await this.identity.insertUser(
          manager,
          { email: this.config.adminEmail, name: 'Administrator', passwordHash, role: 'admin' },
          [],
        );
      });
    } catch (error) {
      // Another process starting at the same moment created the admin first.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') return;
      throw error;
    }
    if (this.config.adminPassword) {
      this.logger.log(
        `Created the first admin ${this.config.adminEmail} with the password from ADMIN_PASSWORD`,
      );
    } else {
      // Printed once, on purpose: there is no other way for a new installation to learn it.
      this.logger.warn(
        `Created the first admin. Sign in as ${this.config.adminEmail} with password: ${password} (shown only now)`,
      );
    }
  }
}
