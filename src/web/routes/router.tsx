import { createBrowserRouter } from 'react-router';
import { AcceptInvitePage } from '../features/auth/components/AcceptInvitePage.js';
import { AuthLayout } from '../features/auth/components/AuthLayout.js';
import { ForgotPasswordPage } from '../features/auth/components/ForgotPasswordPage.js';
import { ResetPasswordPage } from '../features/auth/components/ResetPasswordPage.js';
import { SetupPage } from '../features/auth/components/SetupPage.js';
import { SignInPage } from '../features/auth/components/SignInPage.js';
import { HomePage } from '../features/home/components/HomePage.js';
import { DirectoryPage } from '../features/people/components/DirectoryPage.js';
import { OrgChartPage } from '../features/people/components/OrgChartPage.js';
import { ProfilePage } from '../features/people/components/ProfilePage.js';
import { AppLayout } from './AppLayout.js';
import { NotFoundPage } from './NotFoundPage.js';
import { Loading } from '../components/States.js';
import { RequireAuth, RootGate } from './guards.js';

export const router = createBrowserRouter([
  {
    element: <RootGate />,
    errorElement: <NotFoundPage crashed />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        element: <AuthLayout />,
        children: [
          { path: '/setup', element: <SetupPage /> },
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/forgot-password', element: <ForgotPasswordPage /> },
          { path: '/reset-password', element: <ResetPasswordPage /> },
          { path: '/invite/:token', element: <AcceptInvitePage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          {
            element: <AuthLayout />,
            children: [
              {
                path: '/two-step',
                lazy: async () => ({
                  Component: (await import('../features/settings/components/TwoStepRequiredPage.js')).TwoStepRequiredPage,
                }),
              },
            ],
          },
          {
            element: <AppLayout />,
            children: [
              { index: true, element: <HomePage /> },
              { path: '/people', element: <DirectoryPage /> },
              { path: '/people/:id', element: <ProfilePage /> },
              { path: '/org-chart', element: <OrgChartPage /> },
              {
                path: '/posts/:id',
                lazy: async () => ({ Component: (await import('../features/feed/components/PostDetailPage.js')).PostDetailPage }),
              },
              {
                path: '/hashtags/:tag',
                lazy: async () => ({ Component: (await import('../features/feed/components/HashtagPage.js')).HashtagPage }),
              },
              {
                path: '/bookmarks',
                lazy: async () => ({ Component: (await import('../features/feed/components/BookmarksPage.js')).BookmarksPage }),
              },
              {
                path: '/discover',
                lazy: async () => ({ Component: (await import('../features/feed/components/DiscoverPage.js')).DiscoverPage }),
              },
              {
                path: '/communities',
                lazy: async () => ({ Component: (await import('../features/communities/components/CommunitiesPage.js')).CommunitiesPage }),
              },
              {
                path: '/communities/:slug/:tab?',
                lazy: async () => ({ Component: (await import('../features/communities/components/CommunityPage.js')).CommunityPage }),
              },
              {
                path: '/notifications',
                lazy: async () => ({
                  Component: (await import('../features/notifications/components/NotificationsPage.js')).NotificationsPage,
                }),
              },
              {
                path: '/search',
                lazy: async () => ({ Component: (await import('../features/search/components/SearchPage.js')).SearchPage }),
              },
              {
                path: '/moderation',
                lazy: async () => ({ Component: (await import('../features/moderation/components/ModerationPage.js')).ModerationPage }),
              },
              {
                path: '/recognition',
                lazy: async () => ({ Component: (await import('../features/insights/components/LeaderboardsPage.js')).LeaderboardsPage }),
              },
              {
                path: '/rewards',
                lazy: async () => ({ Component: (await import('../features/rewards/components/RewardsPage.js')).RewardsPage }),
              },
              {
                path: '/insights',
                lazy: async () => ({ Component: (await import('../features/insights/components/InsightsPage.js')).InsightsPage }),
              },
              {
                path: '/listening',
                lazy: async () => ({ Component: (await import('../features/listening/components/ListeningPage.js')).ListeningPage }),
              },
              {
                path: '/listening/answer/:roundId',
                lazy: async () => ({ Component: (await import('../features/listening/components/AnswerPage.js')).AnswerPage }),
              },
              {
                path: '/listening/surveys',
                lazy: async () => ({ Component: (await import('../features/surveys/components/SurveysPage.js')).SurveysPage }),
              },
              {
                path: '/listening/surveys/new',
                lazy: async () => ({ Component: (await import('../features/surveys/components/SurveyEditorPage.js')).SurveyEditorPage }),
              },
              {
                path: '/listening/surveys/:surveyId/edit',
                lazy: async () => ({ Component: (await import('../features/surveys/components/SurveyEditorPage.js')).SurveyEditorPage }),
              },
              {
                path: '/listening/checkins/new',
                lazy: async () => ({ Component: (await import('../features/surveys/components/CheckinNewPage.js')).CheckinNewPage }),
              },
              {
                path: '/listening/surveys/:surveyId/results',
                lazy: async () => ({ Component: (await import('../features/results/components/ResultsPage.js')).ResultsPage }),
              },
              {
                path: '/listening/conversations',
                lazy: async () => ({
                  Component: (await import('../features/conversations/components/ConversationsPage.js')).ConversationsPage,
                }),
              },
              {
                path: '/listening/conversations/:threadId',
                lazy: async () => ({
                  Component: (await import('../features/conversations/components/ConversationPage.js')).ConversationPage,
                }),
              },
              {
                path: '/listening/actions',
                lazy: async () => ({ Component: (await import('../features/actions/components/ActionsPage.js')).ActionsPage }),
              },
              {
                path: '/customers',
                lazy: async () => ({ Component: (await import('../features/customers/components/CustomersPage.js')).CustomersPage }),
              },
              {
                path: '/customers/accounts/:accountId',
                lazy: async () => ({ Component: (await import('../features/customers/components/AccountPage.js')).AccountPage }),
              },
              {
                path: '/customers/import',
                lazy: async () => ({
                  Component: (await import('../features/customers/components/CustomerImportPage.js')).CustomerImportPage,
                }),
              },
              {
                path: '/customers/feedback',
                lazy: async () => ({ Component: (await import('../features/voice/components/FeedbackInboxPage.js')).FeedbackInboxPage }),
              },
              {
                path: '/customers/followups',
                lazy: async () => ({ Component: (await import('../features/voice/components/FollowupsPage.js')).FollowupsPage }),
              },
              {
                path: '/customers/followups/:followupId',
                lazy: async () => ({ Component: (await import('../features/voice/components/FollowupsPage.js')).FollowupsPage }),
              },
              {
                path: '/customers/settings',
                lazy: async () => ({
                  Component: (await import('../features/voice/components/CustomerSettingsPage.js')).CustomerSettingsPage,
                }),
              },
              {
                path: '/customers/loyalty',
                lazy: async () => ({ Component: (await import('../features/loyalty/components/LoyaltyPage.js')).LoyaltyPage }),
              },
              {
                path: '/customers/link',
                lazy: async () => ({ Component: (await import('../features/loyalty/components/LinkPage.js')).LinkPage }),
              },
              {
                path: '/announcements',
                lazy: async () => ({
                  Component: (await import('../features/announcements/components/AnnouncementsPage.js')).AnnouncementsPage,
                }),
              },
              {
                path: '/announcements/new',
                lazy: async () => ({
                  Component: (await import('../features/announcements/components/AnnouncementEditorPage.js')).AnnouncementEditorPage,
                }),
              },
              {
                path: '/announcements/:id',
                lazy: async () => ({
                  Component: (await import('../features/announcements/components/AnnouncementPage.js')).AnnouncementPage,
                }),
              },
              {
                path: '/safety',
                lazy: async () => ({ Component: (await import('../features/safety/components/SafetyChecksPage.js')).SafetyChecksPage }),
              },
              {
                path: '/safety/:id',
                lazy: async () => ({ Component: (await import('../features/safety/components/SafetyCheckPage.js')).SafetyCheckPage }),
              },
              {
                path: '/articles',
                lazy: async () => ({ Component: (await import('../features/articles/components/ArticlesPage.js')).ArticlesPage }),
              },
              {
                path: '/articles/new',
                lazy: async () => ({ Component: (await import('../features/articles/components/ArticleEditorPage.js')).ArticleEditorPage }),
              },
              {
                path: '/articles/:id/edit',
                lazy: async () => ({ Component: (await import('../features/articles/components/ArticleEditorPage.js')).ArticleEditorPage }),
              },
              {
                path: '/articles/:id',
                lazy: async () => ({ Component: (await import('../features/articles/components/ArticlePage.js')).ArticlePage }),
              },
              {
                path: '/events',
                lazy: async () => ({ Component: (await import('../features/events/components/EventsPage.js')).EventsPage }),
              },
              {
                path: '/events/new',
                lazy: async () => ({ Component: (await import('../features/events/components/EventEditorPage.js')).EventEditorPage }),
              },
              {
                path: '/events/:id/edit',
                lazy: async () => ({ Component: (await import('../features/events/components/EventEditorPage.js')).EventEditorPage }),
              },
              {
                path: '/events/:id',
                lazy: async () => ({ Component: (await import('../features/events/components/EventPage.js')).EventPage }),
              },
              {
                path: '/advocacy',
                lazy: async () => ({ Component: (await import('../features/advocacy/components/AdvocacyPage.js')).AdvocacyPage }),
              },
              {
                path: '/advocacy/campaigns/:id',
                lazy: async () => ({ Component: (await import('../features/advocacy/components/CampaignPage.js')).CampaignPage }),
              },
              {
                path: '/advocacy/manage',
                lazy: async () => ({ Component: (await import('../features/advocacy-manage/components/ManagePage.js')).ManagePage }),
              },
              {
                path: '/advocacy/manage/items/new',
                lazy: async () => ({
                  Component: (await import('../features/advocacy-manage/components/ItemEditorPage.js')).ItemEditorPage,
                }),
              },
              {
                path: '/advocacy/manage/items/:id',
                lazy: async () => ({
                  Component: (await import('../features/advocacy-manage/components/ItemEditorPage.js')).ItemEditorPage,
                }),
              },
              {
                path: '/advocacy/manage/campaigns/new',
                lazy: async () => ({
                  Component: (await import('../features/advocacy-manage/components/CampaignEditorPage.js')).CampaignEditorPage,
                }),
              },
              {
                path: '/advocacy/manage/campaigns/:id',
                lazy: async () => ({
                  Component: (await import('../features/advocacy-manage/components/CampaignEditorPage.js')).CampaignEditorPage,
                }),
              },
              {
                path: '/advocacy/insights',
                lazy: async () => ({ Component: (await import('../features/advocacy-manage/components/InsightsPage.js')).InsightsPage }),
              },
              {
                path: '/amas',
                lazy: async () => ({ Component: (await import('../features/amas/components/AmasPage.js')).AmasPage }),
              },
              {
                path: '/amas/new',
                lazy: async () => ({ Component: (await import('../features/amas/components/AmaEditorPage.js')).AmaEditorPage }),
              },
              {
                path: '/amas/:id',
                lazy: async () => ({ Component: (await import('../features/amas/components/AmaPage.js')).AmaPage }),
              },
              {
                path: '/files/:id',
                lazy: async () => ({ Component: (await import('../features/files/components/FilePage.js')).FilePage }),
              },
              {
                path: '/settings',
                lazy: async () => ({ Component: (await import('../features/settings/components/SettingsPage.js')).SettingsPage }),
              },
              {
                path: '/admin/:tab?',
                lazy: async () => {
                  const { AdminPage } = await import('../features/admin/components/AdminPage.js');
                  return { Component: AdminPage };
                },
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
