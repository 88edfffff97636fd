export { StageNotifications } from 'stagekit/react';
