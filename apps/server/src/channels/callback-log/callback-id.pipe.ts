import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/domain-error.js';

/** Flight-recorder ids are positive integers (bigserial), passed as strings. */
@Injectable()
export class CallbackIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[1-9]\d{0,17}$/.test(value)) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A callback id is a positive whole number');
    }
    return value;
  }
}
