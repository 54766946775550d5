// The teacher's side of the app (Teach mode's Teach and Class pages): loaded only when a teacher first needs it,
// so a learner's page never loads the pack editor, the dashboard or its charts (they are precached with the rest,
// so Teach mode works offline too).
import { onCleanup, type JSX } from 'solid-js';
import { createDashboard, type DashboardHost } from '../features/classroom/client/dashboard.ts';
import { ClassView } from '../features/classroom/client/ClassView.tsx';
import { createAuthoring, type TeachHost } from '../features/teach/client/authoring.ts';
import { TeachView } from '../features/teach/client/TeachView.tsx';

export interface TeacherSide {
  dashboard: ReturnType<typeof createDashboard>;
  /** Undefined when this device keeps nothing (storage refused): drafts could not be kept. */
  authoring: ReturnType<typeof createAuthoring> | undefined;
  ClassPage: () => JSX.Element;
  TeachPage: () => JSX.Element;
}

export function createTeacher(
  dashboardHost: DashboardHost,
  teachHost: Omit<TeachHost, 'store'> & {
    store: TeachHost['store'] | undefined;
  },
): TeacherSide {
  const dashboard = createDashboard(dashboardHost);
  onCleanup(dashboard.listen());
  const store = teachHost.store;
  const authoring = store ? createAuthoring({ ...teachHost, store }) : undefined;
  if (authoring) {
    void authoring.load();
    onCleanup(authoring.listen());
  }
  return {
    dashboard,
    authoring,
    ClassPage: () => <ClassView dashboard={dashboard} />,
    TeachPage: () =>
      authoring ? (
        <TeachView authoring={authoring} />
      ) : (
        <p class="page-message" role="status">
          Teach mode needs to keep your lesson packs on this device, and this browser does not allow it (private
          browsing, or storage turned off). Open the app in a normal window to write lessons.
        </p>
      ),
  };
}
