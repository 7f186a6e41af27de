import type { CommandRegistrar } from '../main/cli-support.ts';

/**
 * `shutong link`: deduplicate one CSV file or link two. The command module is imported only when
 * the command runs, so other commands do not pay for the linkage engine at start-up.
 *
 * @example
 * npx shutong link --left dataset3.csv --id rec_id --delimiter ", " --out links.csv \
 *   --fields given_name:given_name,surname:family_name,date_of_birth:birth_date,soc_sec_id:other_id
 */
export const registerLinkageCommands: CommandRegistrar = (program) => {
  program
    .command('link')
    .description('记录关联与去重（Fellegi–Sunter 概率模型，EM 无监督估计）/ record linkage and deduplication (Fellegi–Sunter, unsupervised EM)')
    .requiredOption('--left <file>', '左侧（或待去重的）CSV 文件 / left (or only) CSV file')
    .option('--right <file>', '右侧 CSV 文件；省略则对左侧文件去重 / right CSV file; omit to deduplicate the left file')
    .requiredOption('--id <column>', '记录标识列 / record id column')
    .requiredOption('--fields <list>', '参与比较的字段，列名:类型,… / fields to compare, col:kind,… (kinds: given_name, family_name, full_name, sex, birth_date, id_number, other_id, phone, address, street_number, address_line, locality, postcode, region, other, ethnicity, credit_code)')
    .option('--delimiter <text>', '分隔符，可多字符（如 ", "），\\t 表示制表符 / delimiter, may be several characters (e.g. ", "); \\t for tab', ',')
    .option('--threshold <p>', '输出的最低匹配概率 / lowest match probability written', '0.5')
    .requiredOption('--out <file>', '输出 left_id,right_id,match_probability / output pairs file')
    .option('--clusters <file>', '输出 record_id,cluster_id,cluster_confidence / output clusters file')
    .option('--model <file>', '使用已训练的模型参数（JSON），不再估计 / use trained parameters (JSON) instead of estimating')
    .option('--save-model <file>', '保存估计出的模型参数（JSON）/ save the estimated parameters (JSON)')
    .option('--threads <n>', '读取编码所用线程数（默认为 CPU 核数，小文件单线程）/ threads to read and encode on (default: the cores, one per 8 MB of input)')
    .option('--explain <ids>', '解释一对记录的得分，如 rec-1-org,rec-1-dup-0 / explain the score of one pair, e.g. rec-1-org,rec-1-dup-0')
    .action(async (options: Record<string, string | undefined>) => {
      const { runLinkCommand } = await import('./link-command.ts');
      await runLinkCommand(options);
    });
};
