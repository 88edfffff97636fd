// The stylesheet is imported for its effect, as an app does.
// oxlint-disable-next-line import/no-unassigned-import
import 'stagekit/styles.css';
