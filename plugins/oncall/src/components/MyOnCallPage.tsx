import { Content, Header, Page } from '@backstage/core-components';
import { HelpIcon } from '@vigil/frontend-kit';
import { Grid } from '@material-ui/core';
import { CalendarSubscriptions } from './CalendarSubscriptions';
import { MyOpenPages } from './MyOpenPages';
import { MyShifts } from './MyShifts';

/** "On call" for the signed-in user: shifts, open pages, calendar feed. */
export function MyShiftsPage() {
  return (
    <Page themeId="tool">
      <Header title="On call" subtitle="Your shifts and the pages sent to you">
        <HelpIcon topic="my-oncall" />
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6} data-tour="oncall-my-pages">
            <MyOpenPages />
          </Grid>
          <Grid item xs={12} md={6}>
            <MyShifts />
          </Grid>
          <Grid item xs={12} md={6}>
            <CalendarSubscriptions />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
