export { useStageStatus } from 'stagekit/react';
