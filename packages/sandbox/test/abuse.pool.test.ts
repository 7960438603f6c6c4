import { defineAbuseSuite } from './abuse-suite';

// The warm pool runs the same runtime as the cold path (pre-started, package sent as bytes into
// its private /tmp). The full suite runs on cold and fork; here the cases that exercise what the
// pool changes (package delivery, reuse, pre-started state) plus one per layer keep the suite short.
defineAbuseSuite('pool', 64102, [
  'net_tcp_postgres',
  'net_unix_sockets',
  'read_proc_environ',
  'platform_env_keys',
  'other_package',
  'write_outside_tmp',
  'fork_bomb',
  'memory_bomb',
  'huge_stdout',
  'ptrace',
  'foreign_abi_x32',
  'spawn_shell',
  'frame_malformed',
  'data_after_as_of',
  'undeclared_symbol',
  'output_nan',
  'tmp_writer',
  'tmp_reader',
  'ctypes_modify_ldt',
  'package_symlinks',
  'mountinfo_host_paths',
]);
