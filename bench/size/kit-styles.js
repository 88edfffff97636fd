import 'stagekit/styles.css';
