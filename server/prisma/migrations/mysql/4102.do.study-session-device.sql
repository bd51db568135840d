-- study-session-device: written by hand.
-- StudySession.authSessionId: the sign-in (device) that started it, so reopening the same course
-- on the same device within the session timeout resumes the session instead of being refused.
ALTER TABLE `StudySession` ADD COLUMN `authSessionId` VARCHAR(32) NULL;
