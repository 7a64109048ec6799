import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's data folder on disk, kept private: every folder PGlite creates in it is 0700 and every file 0600
 * (at most: group and others lose every permission, the owner keeps what PostgreSQL asks for).
 *
 * PGlite reaches the disk through Emscripten's NODEFS, which gives each file it creates exactly the mode asked for,
 * with a chmod after the create: 0666 for the files of the initial cluster, 0644 for some PostgreSQL writes later.
 * The process umask therefore cannot help (and would be process-wide anyway), and fixing modes after the fact
 * leaves every file created meanwhile open. So this file system takes group and others off every mode on its way
 * to the disk, in the three NODEFS operations that set one: creating a node, and chmod by path or by descriptor.
 */
export class PrivateNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const { emscriptenOpts } = await super.init(...args);
    return {
      emscriptenOpts: {
        ...emscriptenOpts,
        preRun: [(module) => keepPrivate(module.NODEFS), ...(emscriptenOpts.preRun ?? [])],
      },
    };
  }
}

/** Permission bits of group and others. */
const GROUP_AND_OTHERS = 0o077;

type Mknod = (parent: unknown, name: string, mode: number, dev: number) => unknown;
type Setattr = (target: unknown, attributes: { mode?: number }) => void;

/** The members of Emscripten's NODEFS (not in its published types) that give a file or folder its mode. */
interface NodefsModes {
  node_ops: { mknod: Mknod; setattr: Setattr };
  stream_ops: { setattr: Setattr };
}

function isNodefsModes(nodefs: unknown): nodefs is NodefsModes {
  const { node_ops: node, stream_ops: stream } = (nodefs ?? {}) as Partial<
    Record<string, Record<string, unknown>>
  >;
  return (
    typeof node?.mknod === 'function' &&
    typeof node.setattr === 'function' &&
    typeof stream?.setattr === 'function'
  );
}

/** Wraps NODEFS's mode-setting operations so that they never grant group or others anything. */
function keepPrivate(nodefs: unknown): void {
  // Refuse to run rather than write a data folder others can read, should a PGlite upgrade change NODEFS.
  if (!isNodefsModes(nodefs))
    throw new Error('PGlite’s file system cannot be made to keep its files private');
  const { node_ops: node, stream_ops: stream } = nodefs;
  const mknod = node.mknod;
  node.mknod = (parent, name, mode, dev) => mknod(parent, name, mode & ~GROUP_AND_OTHERS, dev);
  node.setattr = privateSetattr(node.setattr);
  stream.setattr = privateSetattr(stream.setattr);
}

function privateSetattr(setattr: Setattr): Setattr {
  return (target, attributes) =>
    setattr(
      target,
      attributes.mode === undefined
        ? attributes
        : { ...attributes, mode: attributes.mode & ~GROUP_AND_OTHERS },
    );
}
