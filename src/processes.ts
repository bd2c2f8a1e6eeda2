/**
 * execa, loaded when a run first starts a process: its 116 KiB bundle (and the stream modules it pulls from Node)
 * stay unread by a generation with --no-install --no-git, by --dry-run and by eject.
 */
export const loadExeca = async () => (await import('execa')).execa;
