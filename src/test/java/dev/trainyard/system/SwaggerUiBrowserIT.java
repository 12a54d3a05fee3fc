package dev.trainyard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import dev.trainyard.security.TestKeys;
import dev.trainyard.support.Browser;
import dev.trainyard.support.H2Stack;

/** A person's first steps in Swagger UI: open it, authorize with an API key, call an endpoint. */
@H2Stack
@ExtendWith(Browser.class)
class SwaggerUiBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @TempDir
    Path profile;

    @Test
    void authorizeWithAKeyThenCallWhoAmI() {
        String key = TestKeys.user(context, "swagger-user");
        ChromeDriver browser = Browser.start(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get("http://localhost:" + port + "/swagger-ui.html");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();

            WebElement bearer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(".auth-container input")));
            bearer.sendKeys(key);
            browser.findElement(By.cssSelector(".auth-container button.authorize")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.btn-done"))).click();

            WebElement operation = wait.until(ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#operations-API_keys-me .opblock-summary")));
            operation.click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-API_keys-me .try-out__btn")))
                    .click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-API_keys-me .execute")))
                    .click();

            WebElement body = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#operations-API_keys-me .live-responses-table tbody .response-col_description pre")));
            String status = browser.findElement(
                    By.cssSelector("#operations-API_keys-me .live-responses-table tbody .response-col_status")).getText();
            assertThat(status).isEqualTo("200");
            assertThat(body.getText()).contains("swagger-user");
        } finally {
            browser.quit();
        }
    }
}
