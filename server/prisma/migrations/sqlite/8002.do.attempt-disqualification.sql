-- agreements (8002): an admin disqualifies an exam attempt; the reason is a penalty record.
ALTER TABLE "MemberPenalty" ADD COLUMN "attemptId" TEXT;
