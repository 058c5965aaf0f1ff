package io.porter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

/** The periodic jobs run unless switched off, as command-line tasks and tests do. */
class BackgroundJobsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(BackgroundJobs.class);

    @Test
    void scheduledJobsRunByDefault() {
        context.run(ctx -> assertThat(ctx).hasBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME));
    }

    @Test
    void scheduledJobsAreOffWhenSwitchedOff() {
        context.withPropertyValues("porter.scheduling.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME));
    }
}
