import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Public } from '../../common/auth/decorators';
import { AppError } from '../../common/errors/app-error';

export interface HealthResponse {
  status: 'ok';
  database: 'up';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and database readiness (503 when the database does not answer)' })
  async health(): Promise<HealthResponse> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new AppError(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable');
    }
    return { status: 'ok', database: 'up' };
  }
}
