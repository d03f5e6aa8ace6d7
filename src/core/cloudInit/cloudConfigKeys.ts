// The top-level keys cloud-config accepts, written down from cloud-init's module reference
// (https://docs.cloud-init.io/en/latest/reference/modules.html) as of cloud-init 26.2: the
// `properties` of its schema-cloud-config-v1.json, whose top level allows no other keys.

export const CLOUD_INIT_VERSION = '26.2';

export const CLOUD_CONFIG_KEYS: readonly string[] = [
  'allow_public_ssh_keys', 'ansible', 'apk_repos', 'apt', 'apt_pipelining', 'apt_reboot_if_required',
  'apt_update', 'apt_upgrade', 'authkey_hash', 'autoinstall', 'bootcmd', 'byobu_by_default',
  'ca-certs', 'ca_certs', 'chef', 'chpasswd', 'cloud_config_modules', 'cloud_final_modules',
  'cloud_init_modules', 'create_hostname_file', 'device_aliases', 'disable_ec2_metadata',
  'disable_root', 'disable_root_opts', 'disk_setup', 'drivers', 'fan', 'final_message', 'fqdn',
  'fs_setup', 'groups', 'growpart', 'grub-dpkg', 'grub_dpkg', 'hostname', 'keyboard', 'landscape',
  'launch-index', 'locale', 'locale_configfile', 'lxd', 'manage_etc_hosts', 'manage_resolv_conf',
  'mcollective', 'merge_how', 'merge_type', 'migrate', 'mount_default_fields', 'mounts',
  'no_ssh_fingerprints', 'ntp', 'output', 'package_reboot_if_required', 'package_update',
  'package_upgrade', 'packages', 'password', 'phone_home', 'power_state', 'prefer_fqdn_over_hostname',
  'preserve_hostname', 'puppet', 'random_seed', 'reporting', 'resize_rootfs', 'resolv_conf',
  'rh_subscription', 'rpi', 'rsyslog', 'runcmd', 'salt_minion', 'snap', 'spacewalk', 'ssh',
  'ssh_authorized_keys', 'ssh_deletekeys', 'ssh_fp_console_blacklist', 'ssh_genkeytypes',
  'ssh_import_id', 'ssh_key_console_blacklist', 'ssh_keys', 'ssh_publish_hostkeys', 'ssh_pwauth',
  'ssh_quiet_keygen', 'swap', 'system_info', 'timezone', 'ubuntu_advantage', 'ubuntu_pro', 'updates',
  'user', 'users', 'vendor_data', 'version', 'wireguard', 'write_files', 'yum_repo_dir', 'yum_repos',
  'zypper',
];

/**
 * Keys Amazon Linux's own cloud-init understands beyond upstream's (package updates at first boot):
 * https://docs.aws.amazon.com/linux/al2/ug/amazon-linux-cloud-init.html
 */
export const AMAZON_LINUX_KEYS: readonly string[] = ['repo_upgrade', 'repo_upgrade_exclude', 'repo_releasever', 'repo_update'];

/** Keys of one entry of `users` (cloud-init 26.2's users_groups.user schema). */
export const USER_KEYS: readonly string[] = [
  'name', 'doas', 'expiredate', 'gecos', 'groups', 'homedir', 'inactive', 'lock_passwd', 'lock-passwd',
  'no_create_home', 'no-create-home', 'no_log_init', 'no-log-init', 'no_user_group', 'no-user-group',
  'passwd', 'hashed_passwd', 'hashed-passwd', 'plain_text_passwd', 'plain-text-passwd', 'create_groups',
  'create-groups', 'primary_group', 'primary-group', 'selinux_user', 'selinux-user', 'shell', 'snapuser',
  'ssh_authorized_keys', 'ssh-authorized-keys', 'ssh_import_id', 'ssh-import-id', 'ssh_redirect_user',
  'ssh-redirect-user', 'system', 'sudo', 'uid',
];

export const WRITE_FILES_KEYS: readonly string[] = ['path', 'content', 'source', 'owner', 'permissions', 'encoding', 'append', 'defer'];

export const WRITE_FILES_ENCODINGS: readonly string[] = ['gz', 'gzip', 'gz+base64', 'gzip+base64', 'gz+b64', 'gzip+b64', 'b64', 'base64', 'text/plain'];

export const CHPASSWD_KEYS: readonly string[] = ['expire', 'users', 'list'];
