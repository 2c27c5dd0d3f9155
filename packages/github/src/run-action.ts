import { appendFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { DEFAULT_CONFIG_FILE, failsAt, PlatformKitError, type FailOn, type Report } from '@platform-kit/core/scan';
import { COMMON_SECRET_INPUTS, parseBoolean, rawInput, readInputs, workspaceRoot, type ActionInputs, type InputSpec } from './inputs.js';
import { SecretSet } from './secrets.js';
import { emitAnnotations, OwnErrorAnnotations, planAnnotations, repositoryPath } from './annotations.js';
import { COMMENT_BUDGET_BYTES, renderErrorSummary, renderSummary } from './summary.js';
import { createOutputDir, remediationSqlOf, writeFileAtomic } from './files.js';
import { upsertStickyComment, type CommentOutcome } from './comment.js';
import { pullRequestOf } from './event.js';
import { renderSarif } from './sarif.js';
import { RelaunchRequested } from './relaunch.js';

export interface ActionContext {
  /** Known secrets; `ctx.secrets.add(value)` masks a secret discovered while running. */
  secrets: SecretSet;
  /** The repository checkout (GITHUB_WORKSPACE), absolute. */
  workspace: string;
  /** A folder of this step's own, for files the action wants to keep (under RUNNER_TEMP). */
  outputDir: string;
  /** Log lines, redacted. */
  info(message: string): void;
  warning(message: string): void;
  /** Sets a step output beside the common ones, redacted (and kept in the outcome's outputs). */
  setOutput(name: string, value: string): void;
  /**
   * An error annotation of the action's own (not a finding), redacted; `file` is relative to the
   * working directory. It takes one of the step's error annotation slots from the findings.
   */
  error(message: string, where?: { title?: string; file?: string; line?: number }): void;
}

/** What `execute` may return: a Report, or a Report with its remediation plan as SQL and more. */
export type ActionResult =
  | Report
  | {
      report: Report;
      remediationSql?: string;
      /**
       * The config file the action read or looked for, absolute, when not `config` (or
       * `.platform-kit.yml`) in the working directory: SARIF results without a file point at it.
       */
      configFile?: string;
      /**
       * Why the step fails whatever `fail-on` says (e.g. the scan could not be recorded). The
       * report is still published; the summary heading, the verdict and the exit code say it fails.
       */
      failure?: string;
    };

export interface ActionSpec<Extra extends string = never> {
  /** The action's folder name, e.g. "rls-coverage": the marker, file names and messages use it. */
  name: string;
  /** Human title for the summary, e.g. "RLS coverage". */
  title?: string;
  /** Inputs beyond the common ones, by kebab-case name, as declared in action.yml. */
  inputs?: Record<Extra, InputSpec>;
  /** The action's own lines for the summary's "What to do" (its fix command, its suppression comment). */
  advice?: readonly string[];
  /** The `fail-on` fallback when the input is empty: keep it equal to the action.yml default. */
  failOnDefault?: FailOn;
  execute(inputs: ActionInputs<Extra>, context: ActionContext): Promise<ActionResult>;
}

export type ActionStatus = 'passed' | 'failed' | 'error';

export interface ActionOutcome {
  status: ActionStatus;
  report?: Report;
  outputs: Record<string, string>;
  comment?: CommentOutcome;
  error?: string;
}

const HINTS: Record<string, string> = {
  usage: 'Check how the action is called in the workflow file.',
  input: "Check the step's `with:` inputs against the action's README (input names are kebab-case).",
  config: 'Fix the configuration file at the position shown above; every key is documented in docs/configuration.md.',
  connection:
    'Check that the `database-url` secret points to a reachable PostgreSQL (host, port, database) with the right user and password, and that the runner can reach it.',
  runtime: 'Re-run the job; if the error persists, report it with the log of this step.',
};

function isReport(result: ActionResult): result is Report {
  return (result as Report).formatVersion !== undefined;
}

function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, `${markdown}\n`, 'utf8');
}

/**
 * The one entry every action's `run()` calls. Order matters: secrets are masked before anything
 * else reads or prints; the outcome is returned for in-process tests and also decides the exit code
 * (process.exitCode = 1 on findings at or above `fail-on`, or on any error).
 */
export async function runAction<Extra extends string = never>(spec: ActionSpec<Extra>): Promise<ActionOutcome> {
  const secrets = new SecretSet();
  const extraSpecs = (spec.inputs ?? {}) as Record<Extra, InputSpec>;
  // 1. Mask first: nothing may print a secret input, not even an error about it.
  for (const name of COMMON_SECRET_INPUTS) {
    const value = rawInput(name);
    if (name === 'database-url') {
      if (value) secrets.addConnectionString(value);
    } else secrets.add(value);
  }
  for (const [name, inputSpec] of Object.entries(extraSpecs) as [string, InputSpec][]) {
    if (inputSpec.secret) secrets.add(rawInput(name));
  }

  const title = spec.title ?? spec.name;
  const outputs: Record<string, string> = {};
  const setOutput = (name: string, value: string) => {
    const safe = secrets.redact(value);
    outputs[name] = safe;
    core.setOutput(name, safe);
  };

  const workspace = workspaceRoot();
  // Error positions are relative to the working directory once it is known.
  let workingDirectory = workspace;
  let outputDir: string | undefined;
  try {
    const inputs = readInputs(extraSpecs, { failOn: spec.failOnDefault });
    workingDirectory = inputs.workingDirectory;
    outputDir = createOutputDir(spec.name);
    const ownErrors = new OwnErrorAnnotations({ redact: (text) => secrets.redact(text), workingDirectory, workspace });
    const context: ActionContext = {
      secrets,
      workspace,
      outputDir,
      info: (message) => core.info(secrets.redact(message)),
      warning: (message) => core.warning(secrets.redact(message)),
      setOutput,
      error: (message, where) => ownErrors.error(message, where),
    };

    const result = await spec.execute(inputs, context);
    const report = isReport(result) ? result : result.report;
    const remediationSql = isReport(result) ? remediationSqlOf(report) : (result.remediationSql ?? remediationSqlOf(report));
    const failure = isReport(result) || !result.failure ? undefined : secrets.redact(result.failure);
    const configFile = (!isReport(result) && result.configFile) || path.resolve(inputs.workingDirectory, inputs.config || DEFAULT_CONFIG_FILE);
    const failed = failure !== undefined || failsAt(report, inputs.failOn);

    // 2. Files, written atomically and redacted.
    const files: { report: string; sarif?: string; remediation?: string } = { report: path.join(outputDir, 'report.json') };
    writeFileAtomic(files.report, secrets.redact(`${JSON.stringify(report, null, 2)}\n`));
    if (inputs.sarif) {
      files.sarif = path.join(outputDir, 'report.sarif');
      const sarif = renderSarif(report, { workingDirectory: inputs.workingDirectory, workspace, fallbackFile: configFile });
      writeFileAtomic(files.sarif, secrets.redact(sarif));
    }
    if (remediationSql) {
      files.remediation = path.join(outputDir, 'remediation.sql');
      writeFileAtomic(files.remediation, secrets.redact(remediationSql));
    }

    // 3. Outputs.
    setOutput('errors', String(report.summary.error));
    setOutput('warnings', String(report.summary.warning));
    setOutput('infos', String(report.summary.info));
    setOutput('waived', String(report.summary.waived));
    setOutput('report-path', files.report);
    if (files.sarif) setOutput('sarif-path', files.sarif);
    if (files.remediation) setOutput('remediation-path', files.remediation);

    // 4. Annotations. The action's own errors are already out and the verdict below is itself an
    // error annotation: the findings get the slots left.
    const plan = planAnnotations(report, {
      workingDirectory: inputs.workingDirectory,
      workspace,
      reserved: { error: ownErrors.emitted + (failed ? 1 : 0) },
    });
    plan.notAnnotated.error += ownErrors.dropped;
    plan.notAnnotated.total += ownErrors.dropped;
    emitAnnotations(plan, (text) => secrets.redact(text));
    for (const notice of report.notices) core.info(secrets.redact(`notice: ${notice.message}`));

    // 5. Job summary, then the sticky comment (a smaller rendering of the same content).
    const summaryInput = { actionName: spec.name, title, report, failed, failure, failOn: inputs.failOn, annotations: plan, files, ...(spec.advice ? { advice: spec.advice } : {}) };
    appendSummary(secrets.redact(renderSummary(summaryInput)));
    let comment: CommentOutcome | undefined;
    if (inputs.comment) {
      comment = await upsertStickyComment({
        actionName: spec.name,
        body: secrets.redact(renderSummary({ ...summaryInput, files: undefined, budgetBytes: COMMENT_BUDGET_BYTES })),
        token: inputs.githubToken,
        pullRequest: pullRequestOf(),
      });
    }

    // 6. The verdict.
    if (failure) {
      core.setFailed(`${title}: ${failure} (the report is in the job summary and report-path)`);
      return { status: 'error', report, outputs, comment, error: failure };
    }
    if (failed) {
      const { error, warning, info } = report.summary;
      const counted = inputs.failOn === 'error' ? error : inputs.failOn === 'warning' ? error + warning : error + warning + info;
      core.setFailed(`${title}: ${counted} finding(s) at or above fail-on "${inputs.failOn}" (see the job summary)`);
    } else {
      core.info(`${title}: passed (${report.summary.error} errors, ${report.summary.warning} warnings, ${report.summary.info} info, fail-on "${inputs.failOn}")`);
    }
    return { status: failed ? 'failed' : 'passed', report, outputs, comment };
  } catch (error) {
    // The entry starts the action again (relaunch.ts); nothing has been written but masks.
    if (error instanceof RelaunchRequested) {
      if (outputDir) rmSync(outputDir, { recursive: true, force: true });
      throw error;
    }
    return reportError(error, { name: spec.name, title, secrets, outputs, workingDirectory, workspace });
  }
}

async function reportError(
  error: unknown,
  state: { name: string; title: string; secrets: SecretSet; outputs: Record<string, string>; workingDirectory: string; workspace: string },
): Promise<ActionOutcome> {
  const { secrets, title } = state;
  const known = error instanceof PlatformKitError ? error : undefined;
  const message = secrets.redact(
    known ? known.toDisplayString() : `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
  );
  const kind = known?.kind ?? 'runtime';
  const properties: core.AnnotationProperties = { title: `platform-kit ${title}` };
  if (known?.position) {
    properties.file = state.secrets.redact(repositoryPath(known.position.file, state.workingDirectory, state.workspace));
    if (known.position.line) properties.startLine = known.position.line;
    if (known.position.column) properties.startColumn = known.position.column;
  }
  if (!known && error instanceof Error && error.stack) core.debug(secrets.redact(error.stack));
  core.error(message, properties);
  const hint = known?.hint ? `${secrets.redact(known.hint)}. ${HINTS[kind]}` : HINTS[kind];
  const summary = secrets.redact(renderErrorSummary(title, message, kind, hint));
  appendSummary(summary);
  process.exitCode = 1;
  // A sticky comment from an earlier run must not keep saying "passes": replace it with the error.
  let comment: CommentOutcome | undefined;
  // The comment input may itself be the bad input that failed the run: an unreadable value means no comment.
  if (readsTrue('comment')) {
    comment = await upsertStickyComment({ actionName: state.name, body: summary, token: rawInput('github-token'), pullRequest: pullRequestOf() }).catch(
      () => 'failed' as const,
    );
  }
  return { status: 'error', outputs: state.outputs, error: message, comment };
}

/** A switch read on the error path, where a malformed value must not throw a second error. */
function readsTrue(name: string): boolean {
  try {
    return parseBoolean(name, rawInput(name), false);
  } catch {
    return false;
  }
}
