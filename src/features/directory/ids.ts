export const DirectoryIds = {
  page: 'directory.page',
  join: 'directory.join',
  leave: 'directory.leave',
  info: 'directory.info',
} as const;
