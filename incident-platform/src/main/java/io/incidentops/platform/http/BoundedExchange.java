package io.incidentops.platform.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Outbound HTTP calls of the JDK client with one deadline for the whole exchange. The client's request timeout stops
 * counting once the headers arrive (JDK-8258397): a server that answers its headers and then stalls would hold the
 * calling worker, and the lease of what it works on, forever. Here the deadline covers the body too, and the exchange
 * is aborted when it passes. Calls whose answer is only a status (webhooks, health checks) do not wait for the
 * body at all.
 */
public final class BoundedExchange {

    private BoundedExchange() {
    }

    /**
     * The answer with its body (at most {@code maxBytes}, else an {@link IOException}), all within {@code deadline};
     * past it the exchange is aborted and the future fails with an {@link HttpTimeoutException}.
     */
    public static CompletableFuture<HttpResponse<byte[]>> send(HttpClient client, HttpRequest request,
                                                               Duration deadline, int maxBytes) {
        return bounded(client, request, deadline, BoundedBody.handler(maxBytes));
    }

    /** The same, waiting for it: failures as {@link IOException}s (a timeout as {@link HttpTimeoutException}). */
    public static HttpResponse<byte[]> await(HttpClient client, HttpRequest request, Duration deadline, int maxBytes)
            throws IOException, InterruptedException {
        return await(send(client, request, deadline, maxBytes));
    }

    /**
     * The status and headers of the answer, within {@code deadline}; the body is not waited for (it is dropped in the
     * background, and cut off at the deadline), so a body that never ends cannot hold the caller.
     */
    public static HttpResponse<Void> status(HttpClient client, HttpRequest request, Duration deadline)
            throws IOException, InterruptedException {
        return await(bounded(client, request, deadline, info -> new HeadersOnly(deadline)));
    }

    private static <T> CompletableFuture<HttpResponse<T>> bounded(HttpClient client, HttpRequest request,
                                                                  Duration deadline,
                                                                  HttpResponse.BodyHandler<T> body) {
        HttpRequest timed = HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(timed, body);
        CompletableFuture<HttpResponse<T>> answer = new CompletableFuture<>();
        // the timeout on a copy: on the exchange itself it would complete it, and cancel() would then abort nothing
        exchange.copy().orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause == null) {
                answer.complete(response);
            } else if (cause instanceof TimeoutException) {
                exchange.cancel(true); // aborts the exchange: its connection is closed
                answer.completeExceptionally(new HttpTimeoutException("no complete answer within " + deadline));
            } else {
                answer.completeExceptionally(cause);
            }
        });
        answer.whenComplete((response, failure) -> {
            if (answer.isCancelled()) exchange.cancel(true); // the caller gave up (interrupted)
        });
        return answer;
    }

    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> answer)
            throws IOException, InterruptedException {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException runtime) throw runtime;
            throw new IOException(cause == null ? e.getMessage() : cause.toString(), cause);
        }
    }

    /**
     * Completes at the headers; the body is read and dropped in the background until the deadline, then cancelled if
     * it has not ended. (Cancelling at once fails the whole exchange on HTTP/2 when the cancel races the response:
     * "Stream cancelled".) Read to its end, an HTTP/1.1 connection goes back to the pool.
     */
    private static final class HeadersOnly implements HttpResponse.BodySubscriber<Void> {

        private final Duration deadline;
        private volatile boolean ended;

        HeadersOnly(Duration deadline) {
            this.deadline = deadline;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
            CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!ended) subscription.cancel();
            });
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }
    }
}
