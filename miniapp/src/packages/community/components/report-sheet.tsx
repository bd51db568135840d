/** 举报: a reason category (and an optional note). The reported person never learns who reported. */
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { displayMessage } from '../../../lib/api-error';
import { report, reportReasons, type ReportTarget } from '../../../services/community';

export function ReportSheet({ target, onClose }: { target: { type: ReportTarget; id: string } | null; onClose: (sent: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!target) return null;
  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await report({ targetType: target.type, targetId: target.id, reason, note: note.trim() || undefined });
      setReason('');
      setNote('');
      onClose(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='qx-sheet' data-testid='report-sheet'>
      <Text className='qx-card__title'>举报</Text>
      <Text className='qx-card__meta'>请选择举报原因。举报人不会被透露给被举报的人。</Text>
      <View className='qx-section'>
        {reportReasons.map(([value, label]) => (
          <View key={value} className={`qx-chip ${reason === value ? 'qx-chip--on' : ''}`} data-testid='report-reason' onClick={() => setReason(value)}>
            {label}
          </View>
        ))}
      </View>
      <Input className='qx-input' placeholder='补充说明（选填）' value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
      {error ? <Text className='qx-error-message'>{displayMessage(error)}</Text> : null}
      <View className='qx-row' style={{ gap: '16px', marginTop: '16px' }}>
        <Button className='qx-btn qx-btn--primary' size='mini' disabled={!reason || busy} data-testid='report-send' onClick={send}>
          提交举报
        </Button>
        <Button className='qx-btn' size='mini' onClick={() => onClose(false)}>
          取消
        </Button>
      </View>
    </View>
  );
}
