export { GoLiveButton } from 'stagekit/react';
