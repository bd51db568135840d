-- tenant-time-zone: written by hand.
-- Tenant.timeZone: the IANA zone times are shown in (stored in UTC everywhere).
ALTER TABLE `Tenant` ADD COLUMN `timeZone` VARCHAR(64) NOT NULL DEFAULT 'Asia/Shanghai';
