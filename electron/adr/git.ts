// Records committed on a new branch with git's plumbing and a temporary index: the user's working tree,
// index, stash, HEAD and current branch are never touched, however dirty they are.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail } from '../../shared/reply.ts';

export interface GitFile {
  /** Path inside the repository, with forward slashes. */
  path: string;
  content: string;
}

class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly missing: boolean,
  ) {
    super(message);
  }
}

/** The environment without git's own variables: run from a hook, they would point git at another repository or index. */
function inherited(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|COMMON_DIR|NAMESPACE|PREFIX)$/.test(k)));
}

/** Runs git without a shell; arguments go to git as they are, so odd characters in paths are harmless. */
function git(cwd: string, args: string[], { input, env }: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync('git', args, {
      cwd,
      input,
      env: { ...inherited(), ...env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const stderr = String(err.stderr ?? '').trim();
    throw new GitError(stderr.split('\n').at(-1) || err.message, stderr, err.code === 'ENOENT');
  }
}

function isBare(dir: string): boolean {
  try {
    return git(dir, ['rev-parse', '--is-bare-repository']).trim() === 'true';
  } catch {
    return false;
  }
}

export type GitState = { ok: true; root: string; head: string; branch: string | null } | { ok: false; reason: string };

/** Whether a commit on a new branch can be made here, and if not, why — in words for the export step. */
export function gitState(dir: string): GitState {
  let root: string;
  try {
    root = git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch (e) {
    if ((e as GitError).missing) return { ok: false, reason: 'git is not installed (or not on the PATH), so Verdict cannot commit the record; it can still write it as a file.' };
    if (isBare(dir)) return { ok: false, reason: `${dir} is inside a bare repository (one without working files), so there is no branch to commit on here; export into a clone of it instead.` };
    return { ok: false, reason: `${dir} is not inside a git repository, so there is no branch to commit on; the record can still be written as a file.` };
  }
  // Mid-rebase, HEAD is a half-rewritten history: a branch from it would carry commits nobody meant to propose.
  const gitDir = git(root, ['rev-parse', '--absolute-git-dir']).trim();
  if (['rebase-merge', 'rebase-apply'].some((d) => existsSync(join(gitDir, d)))) {
    return { ok: false, reason: 'A rebase is in progress in this repository; finish or abort it before committing the record on a branch. The record can still be written as a file.' };
  }
  let head: string;
  try {
    head = git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).trim();
  } catch {
    return { ok: false, reason: 'The repository has no commit yet, so there is nothing to branch from; the record can still be written as a file.' };
  }
  let branch: string | null = null;
  try {
    branch = git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']).trim() || null;
  } catch {
    // a detached HEAD: the new branch starts from its commit all the same
  }
  return { ok: true, root, head, branch };
}

/** Refuses a name git would not take as a branch, or one that already exists. */
export function checkBranchName(root: string, name: string): void {
  // Checked first, so the name never reaches git where an option could stand.
  if (name.startsWith('-')) fail('invalid_input', `"${name}" is not a name git accepts for a branch.`, 'branch');
  try {
    git(root, ['check-ref-format', '--branch', name]);
  } catch {
    fail('invalid_input', `"${name}" is not a name git accepts for a branch.`, 'branch');
  }
  if (branchExists(root, name)) fail('conflict', `A branch called ${name} already exists; nothing was committed. Choose another name.`, 'branch');
  const clash = folderClash(root, name);
  if (clash !== null) fail('conflict', clashMessage(name, clash), 'branch');
}

function branchExists(root: string, name: string): boolean {
  try {
    git(root, ['show-ref', '--verify', '--quiet', `refs/heads/${name}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local branch git cannot keep beside `name`: branches are files under refs/heads, so "adr" and "adr/0002-x"
 * cannot both exist (one would have to be a file and a folder at once). Null when there is none.
 */
export function folderClash(root: string, name: string): string | null {
  let refs: string[];
  try {
    refs = git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads']).split('\n').filter(Boolean);
  } catch {
    return null;
  }
  for (const ref of refs) {
    const b = ref.replace(/^refs\/heads\//, '');
    if (name.startsWith(`${b}/`) || b.startsWith(`${name}/`)) return b;
  }
  return null;
}

function clashMessage(name: string, clash: string): string {
  return clash.length < name.length
    ? `git cannot create the branch ${name} because a branch called ${clash} exists (a branch name cannot also be a folder of branches); nothing was committed. Choose another name.`
    : `git cannot create the branch ${name} because a branch ${clash} exists under that name as a folder; nothing was committed. Choose another name.`;
}

/** A file's text at HEAD, or null when HEAD has no such file. */
export function readAtHead(root: string, path: string): string | null {
  try {
    return git(root, ['cat-file', 'blob', `HEAD:${path}`]);
  } catch {
    return null;
  }
}

/** File names in a folder at HEAD (empty when HEAD has no such folder). */
export function namesAtHead(root: string, dir: string): string[] {
  try {
    // -z: names exactly as they are, never quoted.
    return git(root, ['ls-tree', '-z', '--name-only', 'HEAD', '--', `${dir}/`])
      .split('\0')
      .filter(Boolean)
      .map((p) => p.slice(p.lastIndexOf('/') + 1));
  } catch {
    return [];
  }
}

/**
 * Commits `files` on a new branch `name` whose parent is HEAD. Only objects and the new ref are written;
 * the branch is created with an expected old value of "none", so a branch made meanwhile is never moved.
 */
export function commitOnNewBranch(root: string, name: string, files: GitFile[], message: string): { commit: string; head: string } {
  const head = git(root, ['rev-parse', '--verify', 'HEAD^{commit}']).trim();
  const temp = mkdtempSync(join(tmpdir(), 'verdict-index-'));
  const env = { GIT_INDEX_FILE: join(temp, 'index') };
  try {
    git(root, ['read-tree', head], { env });
    for (const f of files) {
      const blob = git(root, ['hash-object', '-w', '--stdin'], { input: f.content }).trim();
      git(root, ['update-index', '--add', '--cacheinfo', `100644,${blob},${f.path}`], { env });
    }
    const tree = git(root, ['write-tree'], { env }).trim();
    let commit: string;
    try {
      commit = git(root, ['commit-tree', tree, '-p', head, '-F', '-'], { input: message }).trim();
    } catch (e) {
      const why = (e as GitError).stderr;
      if (/tell me who you are|empty ident|user\.email|user\.name/i.test(why)) {
        fail('invalid_input', 'git does not know who you are here: set user.name and user.email (git config) and try again; nothing was committed.', 'branch');
      }
      throw e;
    }
    try {
      git(root, ['update-ref', '-m', 'verdict: record on a new branch', `refs/heads/${name}`, commit, '']);
    } catch (e) {
      // Only a branch that is there is "already exists": a lock file, a hook or a folder clash say otherwise.
      if (branchExists(root, name)) fail('conflict', `A branch called ${name} already exists; nothing was committed. Choose another name.`, 'branch');
      const clash = folderClash(root, name);
      if (clash !== null) fail('conflict', clashMessage(name, clash), 'branch');
      const why = e instanceof GitError ? e.stderr.replace(/\s+/g, ' ').trim() || e.message : String(e);
      fail('conflict', `git could not create the branch ${name} (${why}); nothing was committed.`, 'branch');
    }
    return { commit, head };
  } catch (e) {
    if (e instanceof GitError) fail('internal', `git refused to build the commit (${e.message}); nothing was changed in your working tree or branches.`);
    throw e;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The remote the current branch pushes to, else "origin": for the "how to push it" hint. */
export function pushRemote(root: string, branch: string | null): string {
  const remotes = (() => {
    try {
      return git(root, ['remote']).split('\n').filter(Boolean);
    } catch {
      return [];
    }
  })();
  if (branch) {
    try {
      const r = git(root, ['config', '--get', `branch.${branch}.remote`]).trim();
      if (r) return r;
    } catch {
      // no upstream
    }
  }
  return remotes.includes('origin') || remotes.length === 0 ? 'origin' : remotes[0]!;
}

/** Branch names, local and remote-tracking, without the remote's name ("origin/adr/0003-x" → "adr/0003-x"). */
export function branchNames(root: string): string[] {
  try {
    return git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes'])
      .split('\n')
      .filter(Boolean)
      .map((r) => r.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\/[^/]+\//, ''));
  } catch {
    return [];
  }
}
