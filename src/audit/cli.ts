import { readFileSync } from 'node:fs';
import { CliError, progress, type CommandRegistrar } from '../main/cli-support.ts';
import { withServices } from '../main/cli-runtime.ts';
import type { AuditService } from './service.ts';

async function withAudit<T>(fn: (audit: AuditService) => Promise<T>): Promise<T> {
  return withServices(async ({ audit }) => {
    try {
      return await fn(audit);
    } finally {
      await audit.close();
    }
  });
}

function nonNegative(name: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new CliError(`${name} 应为非负整数 / ${name} must be a non-negative integer`);
    return Number(value);
  };
}

const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const registerAuditCommands: CommandRegistrar = (program) => {
  const audit = program.command('audit').description('防篡改审计日志 / tamper-evident audit log (RFC 9162 Merkle tree, C2SP checkpoints)');

  audit
    .command('checkpoint')
    .description('打印最新的签名检查点 / print the latest signed checkpoint (C2SP signed note)')
    .action(async () => {
      await withAudit(async (a) => process.stdout.write(await a.getCheckpoint()));
    });

  audit
    .command('key')
    .description('打印检查点验证密钥 / print the checkpoint verifier key (name+keyhash+base64key)')
    .action(async () => {
      await withAudit(async (a) => process.stdout.write(`${await a.getVerifierKey()}\n`));
    });

  audit
    .command('proof')
    .description('打印包含证明 / print an inclusion proof (JSON, hex hashes)')
    .requiredOption('--index <n>', '记录序号（从 0 起）/ entry index, from 0', nonNegative('--index'))
    .option('--size <m>', '树大小，默认最新检查点 / tree size (default: latest checkpoint)', nonNegative('--size'))
    .action(async (o: { index: number; size?: number }) => {
      await withAudit(async (a) => printJson(await a.inclusionProof(o.index, o.size)));
    });

  audit
    .command('consistency')
    .description('打印一致性证明 / print a consistency proof between two tree sizes (JSON, hex hashes)')
    .requiredOption('--from <m>', '旧树大小 / old tree size', nonNegative('--from'))
    .option('--to <n>', '新树大小，默认最新检查点 / new tree size (default: latest checkpoint)', nonNegative('--to'))
    .action(async (o: { from: number; to?: number }) => {
      await withAudit(async (a) => printJson(await a.consistencyProof(o.from, o.to)));
    });

  audit
    .command('verify')
    .description('重算整个日志并指出第一条被篡改的记录 / recompute the whole log and name the first tampered entry (exit 1)')
    .option('--key <vkey>', '信任的验证密钥（默认取库中的）/ verifier key to trust (default: the one in the database)')
    .option('--checkpoint <file...>', '另存的检查点文件 / checkpoint notes saved elsewhere, to catch truncation')
    .action(async (o: { key?: string; checkpoint?: string[] }) => {
      const trustedCheckpoints = (o.checkpoint ?? []).map((f) => readFileSync(f, 'utf8'));
      const report = await withAudit((a) => a.verifyLog({ ...(o.key ? { verifierKey: o.key } : {}), trustedCheckpoints, onProgress: (n) => progress('校验 verifying', n) }));
      printJson(report);
      if (!report.ok) {
        const first = report.firstBad ? `第一条问题记录 first bad entry: ${report.firstBad.seq} (${report.firstBad.kind}) — ${report.firstBad.message}` : report.problems.join('; ');
        throw new CliError(`审计日志校验失败 / audit log verification failed: ${first}`, 1);
      }
      process.stderr.write(`审计日志完整 / audit log intact: ${report.entries} 条 entries, ${report.uncheckpointed} 条尚未签入检查点 / not yet checkpointed\n`);
    });
};
