package dev.nichebot.review.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nichebot.review.ReviewChannelException;
import dev.nichebot.review.ReviewChannelException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.Response;
import net.dv8tion.jda.api.requests.RestAction;
import org.junit.jupiter.api.Test;

class RestCallsTest {
  private final List<String> refusals = new ArrayList<>();
  private final List<Permission> missing = new ArrayList<>();
  private final RestCalls.PermissionSink sink =
      new RestCalls.PermissionSink() {
        @Override
        public void missing(InsufficientPermissionException e) {
          missing.add(e.getPermission());
        }

        @Override
        public void refused(String what) {
          refusals.add(what);
        }
      };
  private final RestCalls rest =
      new RestCalls(Duration.ofSeconds(60), 3, Duration.ofMillis(1), sink);

  /** An outcome for an attempt that never gets an answer. */
  private static final Object NEVER = new Object();

  /** Builds actions that answer with the given outcomes, one per attempt. */
  private static final class Attempts {
    final Deque<Object> outcomes = new ArrayDeque<>();
    int made;

    Attempts(Object... outcomes) {
      this.outcomes.addAll(List.of(outcomes));
    }

    @SuppressWarnings("unchecked")
    RestAction<String> next() {
      made++;
      Object outcome = outcomes.removeFirst();
      if (outcome instanceof RuntimeException synchronous
          && !(outcome instanceof ErrorResponseException)) {
        throw synchronous;
      }
      RestAction<String> action = mock(RestAction.class);
      CompletableFuture<String> future = new CompletableFuture<>();
      if (outcome instanceof Throwable failure) {
        future.completeExceptionally(failure);
      } else if (outcome != NEVER) {
        future.complete((String) outcome);
      }
      when(action.submit()).thenReturn(future);
      return action;
    }
  }

  private static ErrorResponseException http(int status, ErrorResponse error) {
    return ErrorResponseException.create(error, new Response(null, status, "x", -1, Set.of()));
  }

  @Test
  void aServerErrorIsRetriedUntilItWorks() {
    Attempts attempts = new Attempts(http(500, ErrorResponse.SERVER_ERROR), "ok");

    assertThat(rest.call("posting", attempts::next)).isEqualTo("ok");
    assertThat(attempts.made).isEqualTo(2);
  }

  @Test
  void aRefusedConnectionIsRetried() {
    ErrorResponseException refused =
        ErrorResponseException.create(
            ErrorResponse.SERVER_ERROR,
            new Response(new IOException("Connection refused"), Set.of()));
    Attempts attempts = new Attempts(refused, "ok");

    assertThat(rest.call("posting", attempts::next)).isEqualTo("ok");
  }

  @Test
  void serverErrorsBeyondTheLastAttemptMakeItUnavailable() {
    Attempts attempts =
        new Attempts(
            http(500, ErrorResponse.SERVER_ERROR),
            http(500, ErrorResponse.SERVER_ERROR),
            http(500, ErrorResponse.SERVER_ERROR));

    assertThatThrownBy(() -> rest.call("posting candidate 1", attempts::next))
        .isInstanceOf(ReviewChannelException.class)
        .hasMessageContaining("posting candidate 1")
        .hasMessageContaining("3 attempt(s)")
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
    assertThat(attempts.made).isEqualTo(3);
  }

  @Test
  void anUnknownMessageIsNotRetriedAndSaysTheMessageIsGone() {
    Attempts attempts = new Attempts(http(404, ErrorResponse.UNKNOWN_MESSAGE));

    assertThatThrownBy(() -> rest.call("reading", attempts::next))
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.MESSAGE_GONE);
    assertThat(attempts.made).isEqualTo(1);
  }

  @Test
  void discordsMissingPermissionsRefusalIsReported() {
    Attempts attempts = new Attempts(http(403, ErrorResponse.MISSING_PERMISSIONS));

    assertThatThrownBy(() -> rest.call("posting candidate 9", attempts::next))
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.MISSING_PERMISSION);
    assertThat(refusals).containsExactly("posting candidate 9");
  }

  @Test
  void jdasOwnPermissionCheckIsReportedWithThePermission() {
    Guild guild = mock(Guild.class);
    Attempts attempts =
        new Attempts(new InsufficientPermissionException(guild, Permission.MESSAGE_MANAGE));

    assertThatThrownBy(() -> rest.call("removing a reaction", attempts::next))
        .hasMessageContaining("Manage Messages")
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.MISSING_PERMISSION);
    assertThat(missing).containsExactly(Permission.MESSAGE_MANAGE);
  }

  @Test
  void anOtherRefusalIsNotRetried() {
    Attempts attempts = new Attempts(http(400, ErrorResponse.INVALID_FORM_BODY));

    assertThatThrownBy(() -> rest.call("posting", attempts::next))
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.REFUSED);
    assertThat(attempts.made).isEqualTo(1);
  }

  @Test
  void noAnswerWithinTheTimeoutMakesItUnavailable() {
    RestCalls impatient = new RestCalls(Duration.ofMillis(100), 3, Duration.ofMillis(1), sink);
    Attempts attempts = new Attempts(NEVER);

    assertThatThrownBy(() -> impatient.call("posting", attempts::next))
        .hasMessageContaining("no answer")
        .extracting(e -> ((ReviewChannelException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
  }
}
